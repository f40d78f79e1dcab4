using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>Platform keys get their own budget of requests a minute; 429 with Retry-After beyond it.</summary>
public static class PlatformKeyRateLimit
{
    public const string Policy = "platform-key";

    public static void AddPlatformKeyRateLimit(this IServiceCollection services) => services.AddRateLimiter(o =>
    {
        // The answer (429, Retry-After, problem details) is the site's one for every limit (RateLimits).
        o.AddPolicy(Policy, http =>
        {
            var limit = http.RequestServices.GetRequiredService<IOptionsMonitor<MeteringOptions>>().CurrentValue.RequestsPerMinute;
            // A known key has its own budget; anything else shares its client address's, so random tokens gain nothing.
            var key = http.RequestServices.GetRequiredService<PlatformKeys>().KnownHashCached(PlatformKeys.BearerOf(http.Request)) is { } hash
                ? "key:" + hash
                : "ip:" + Infrastructure.Http.RateLimits.ClientOf(http);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            });
        });
    });
}
