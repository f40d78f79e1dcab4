using MailKit.Security;
using MimeKit;

namespace CrowdSite.Features.Alerts;

/// <summary>Email (section "Email"): an SMTP server when <c>Email:Smtp:Host</c> is set, otherwise a local folder.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Where messages go when no SMTP server is configured (relative to the app's folder).</summary>
    public string Folder { get; set; } = "App_Data/mail";

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Smtp.Host);

    public sealed class SmtpSettings
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 587;
        public string? UserName { get; set; }
        public string? Password { get; set; }

        /// <summary>The sender, e.g. <c>CrowdSite &lt;alerts@crowdsite.example&gt;</c>.</summary>
        public string? From { get; set; }

        /// <summary>MailKit's <see cref="SecureSocketOptions"/>: Auto (default), None, SslOnConnect, StartTls, StartTlsWhenAvailable.</summary>
        public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    }

    /// <summary>The sender address: configured, or a clearly local one offline.</summary>
    public MailboxAddress FromAddress =>
        Smtp.From is { Length: > 0 } from ? MailboxAddress.Parse(from) : new MailboxAddress("CrowdSite (offline)", "alerts@crowdsite.invalid");
}
