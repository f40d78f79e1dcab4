using CrowdSite.Data;
using CrowdSite.Features.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrowdSite.Features.Alerts;

/// <summary>Writes each outbox message as an email, in plain text, with a one-click unsubscribe (RFC 8058).</summary>
public sealed class AlertMail(IOptions<EmailOptions> email, IOptions<PlatformOptions> platform, TimeProvider time)
{
    /// <summary>The site's address for links in mail: Platform:PublicUrl, or the local development address.</summary>
    public Uri Site { get; } = new((platform.Value.PublicUrl is { Length: > 0 } url ? url : "http://localhost:5180").TrimEnd('/') + "/");

    /// <summary>The email for a queued message; null when it should no longer go (follower gone, or not confirmed).</summary>
    public async Task<MimeMessage?> ComposeAsync(CrowdSiteDbContext db, OutboxMessage queued, CancellationToken ct)
    {
        var follower = await db.Followers.AsNoTracking().FirstOrDefaultAsync(f => f.Id == queued.FollowerId, ct);
        if (follower is null || (queued.Kind != OutboxKind.Confirmation && follower.ConfirmedAt is null))
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking().Where(p => p.Id == follower.ProjectId).Select(p => new { p.Slug, p.Name }).SingleAsync(ct);
        var page = Url($"p/{project.Slug}");
        var (subject, body) = queued.Kind switch
        {
            OutboxKind.Confirmation => Confirmation(project.Name, follower, page),
            OutboxKind.FundingAlert => Funding(project.Name, await db.FundingAlerts.AsNoTracking().SingleAsync(a => a.Id == queued.FundingAlertId, ct), page),
            _ => Update(project.Name, await db.ProjectUpdates.AsNoTracking().SingleAsync(u => u.Id == queued.UpdateId, ct), page),
        };
        var unsubscribe = Url($"unsubscribe/{follower.Token}/one-click");
        var message = new MimeMessage
        {
            Subject = subject,
            Date = time.GetUtcNow(),
            // From the outbox key: a receiving server or client can tell a resend of the same message.
            MessageId = $"{queued.Key.Replace(':', '.')}@{Site.Host}",
            Body = new TextPart("plain")
            {
                Text = body + $"\n\n--\nYou get this because this address follows {project.Name} on CrowdSite.\nStop: {Url($"unsubscribe/{follower.Token}")}\n",
            },
        };
        message.From.Add(email.Value.FromAddress);
        message.To.Add(MailboxAddress.Parse(follower.Email));
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", $"{project.Name} on CrowdSite <{project.Slug}.alerts.{Site.Host}>");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    private (string, string) Confirmation(string project, Follower follower, string page)
    {
        var wants = (follower.RunwayAlerts, follower.UpdateAlerts) switch
        {
            (true, true) => "funding alerts and updates",
            (true, false) => "funding alerts",
            _ => "updates",
        };
        return ($"Confirm: follow {project} on CrowdSite",
            $"Someone, hopefully you, asked to get {project}'s {wants} at this address ({page}).\n\n" +
            $"Confirm: {Url($"follow/confirm/{follower.Token}")}\n\n" +
            "Not you? Ignore this message: nothing more is sent, and the address is deleted within a week.");
    }

    private static (string, string) Funding(string project, FundingAlert alert, string page) =>
        (FundingAlerts.Title(project, alert), FundingAlerts.Text(project, alert) + $"\n\nSee the figures, or give: {page}");

    private static (string, string) Update(string project, Maintainers.ProjectUpdate update, string page) =>
        ($"{project}: {update.Title}", $"{update.AuthorName} posted an update to {project}:\n\n{update.Title}\n\n{update.Body}\n\nOn the page: {page}#update-{update.Id}");

    private string Url(string path) => new Uri(Site, path).AbsoluteUri;
}
