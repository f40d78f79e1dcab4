using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrowdSite.Infrastructure.Http;

public static class RateLimits
{
    public const string DonationStarts = "donation-starts";
    public const string SignIns = "sign-ins";
    public const string LiveConnections = "live-connections";

    /// <summary>The per-client policies, and one answer for every limit: 429, Retry-After, problem details.</summary>
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = RejectAsync;
            o.AddPolicy(DonationStarts, http => PerMinute(http, "donations", l => l.DonationStartsPerMinute));
            o.AddPolicy(SignIns, http => PerMinute(http, "sign-ins", l => l.SignInsPerMinute));
            o.AddPolicy(LiveConnections, http => RateLimitPartition.GetConcurrencyLimiter(ClientOf(http),
                _ => new ConcurrencyLimiterOptions { PermitLimit = LimitsOf(http).LiveConnectionsPerClient, QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>The client's address (behind a proxy, the forwarded one once forwarded headers are trusted).</summary>
    public static string ClientOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static RateLimitPartition<string> PerMinute(HttpContext http, string what, Func<RateLimitOptions, int> limit) =>
        RateLimitPartition.GetFixedWindowLimiter($"{what}:{ClientOf(http)}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit(LimitsOf(http)), Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
        });

    private static RateLimitOptions LimitsOf(HttpContext http) => http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : policy == LiveConnections ? 30 : 60;
        var detail = policy switch
        {
            LiveConnections => "This address has as many live pages open as it may; close some, or try again later.",
            DonationStarts => $"Too many donations started from this address; try again in {retry} s.",
            SignIns => $"Too many sign-ins from this address; try again in {retry} s.",
            "follow-requests" => $"Too many follow requests from this address; try again in {retry} s.",
            _ => $"This key's budget is spent; try again in {retry} s.",
        };
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retry.ToString(CultureInfo.InvariantCulture);
        // A body of its own, so the site's status-code pages leave this answer alone.
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "Too many requests", Detail = detail },
        });
    }
}
