using MimeKit;

namespace CrowdSite.Features.Alerts;

/// <summary>Where email goes: an SMTP server, or (offline) a folder the Development-only /dev/mail page lists.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
