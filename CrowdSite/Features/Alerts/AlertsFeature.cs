using System.Threading.RateLimiting;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Alerts;

public static class AlertsFeature
{
    public const string FollowRequests = "follow-requests";

    /// <summary>Follow requests a client may make a minute (each may send an email to someone).</summary>
    public const int FollowRequestsPerMinute = 10;

    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<MailFolder>();
        builder.Services.AddSingleton<SmtpMailSender>();
        builder.Services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpMailSender>()
            : sp.GetRequiredService<MailFolder>());
        builder.Services.AddSingleton<AlertMail>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxDelivery>();
        builder.Services.AddSingleton<RunwayWatcher>();
        builder.Services.AddSingleton<FollowService>();
        builder.Services.AddSingleton<FundingAlerts>();
        builder.Services.AddHostedService<AlertJobs>();
        builder.Services.Configure<RateLimiterOptions>(o => o.AddPolicy(FollowRequests, http =>
            RateLimitPartition.GetFixedWindowLimiter($"follow:{RateLimits.ClientOf(http)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = FollowRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
            })));
        return builder;
    }

    /// <summary>Says at start where email goes, so nobody wonders why no message arrived.</summary>
    public static void LogEmailMode(this WebApplication app)
    {
        var email = app.Services.GetRequiredService<IOptions<EmailOptions>>().Value;
        if (email.UsesSmtp)
        {
            app.Logger.LogInformation("Email: through SMTP server {Host}:{Port}", email.Smtp.Host, email.Smtp.Port);
        }
        else
        {
            app.Logger.LogInformation("Email: no Email:Smtp:Host configured, so messages are written to {Folder}{Page}",
                app.Services.GetRequiredService<MailFolder>().Path, app.Environment.IsDevelopment() ? " and listed at /dev/mail" : "");
        }
    }

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        // The follow page's plain form posts here (antiforgery-checked, as every form binding is).
        app.MapPost("/p/{slug}/followers", FollowAsync).RequireRateLimiting(FollowRequests).ExcludeFromDescription();
        app.MapGet("/follow/confirm/{token}", async (string token, FollowService follows, CancellationToken ct) =>
            await follows.ConfirmAsync(token, ct) is { } project
                ? Results.Redirect($"/p/{project.Slug}/follow?done=confirmed")
                : Results.Redirect("/follow/unknown")).ExcludeFromDescription();
        // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" without any cookie or token (the
        // link's token is the secret). A person opening the link in a browser gets the page with its button.
        app.MapPost("/unsubscribe/{token}/one-click", UnsubscribeAsync).DisableAntiforgery().ExcludeFromDescription();
        app.MapGet("/unsubscribe/{token}/one-click", (string token) => Results.Redirect($"/unsubscribe/{Uri.EscapeDataString(token)}")).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<RedirectHttpResult, NotFound>> FollowAsync(
        string slug, [FromForm] FollowForm form, FollowService follows, CancellationToken ct)
    {
        var result = await follows.FollowAsync(slug, form.Email, form.Runway == "on", form.Updates == "on", ct);
        return result.Outcome switch
        {
            FollowOutcome.ProjectNotFound => TypedResults.NotFound(),
            // The reason as a code the page words (never the address: it stays out of URLs and logs).
            FollowOutcome.Invalid => TypedResults.Redirect($"/p/{Uri.EscapeDataString(slug)}/follow?error={result.Errors!.Keys.First()}"),
            _ => TypedResults.Redirect($"/p/{Uri.EscapeDataString(slug)}/follow?done=sent"),
        };
    }

    private static async Task<IResult> UnsubscribeAsync(string token, HttpRequest request, FollowService follows, CancellationToken ct)
    {
        var project = await follows.UnsubscribeAsync(token, ct);
        var oneClick = request.HasFormContentType && (await request.ReadFormAsync(ct))["List-Unsubscribe"] == "One-Click";
        if (oneClick)
        {
            return Results.Text("Unsubscribed.", "text/plain"); // already gone is the same answer: the address is not here
        }

        return Results.Redirect(project is null ? "/follow/unknown" : $"/p/{project.Slug}/follow?done=unsubscribed");
    }
}
