using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CrowdSite.Features.Alerts;

/// <summary>Sends through the configured SMTP server with MailKit, one connection a message (alerts are few).</summary>
public sealed class SmtpMailSender(IOptions<EmailOptions> options) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (smtp.UserName is { Length: > 0 })
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
