using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
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

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        var smtp = options.Smtp;
        if (!options.UsesSmtp)
        {
            if (smtp.UserName is { Length: > 0 } || smtp.Password is { Length: > 0 } || smtp.From is { Length: > 0 })
            {
                errors.Add("Email:Smtp:UserName, Password or From is set without Email:Smtp:Host: set Email:Smtp:Host to the SMTP server, or remove them.");
            }
        }
        else
        {
            if (smtp.Port is < 1 or > 65535)
            {
                errors.Add("Email:Smtp:Port must be between 1 and 65535.");
            }

            if (string.IsNullOrWhiteSpace(smtp.From) || !MailboxAddress.TryParse(smtp.From, out _))
            {
                errors.Add("Set Email:Smtp:From to the sender address, e.g. \"CrowdSite <alerts@crowdsite.example>\".");
            }

            if (string.IsNullOrEmpty(smtp.UserName) != string.IsNullOrEmpty(smtp.Password))
            {
                errors.Add("Email:Smtp:UserName and Email:Smtp:Password go together: set both, or neither for a server without sign-in.");
            }
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            errors.Add("Email:Folder must name a folder (default App_Data/mail).");
        }

        return errors.Count > 0 ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}

/// <summary>Where email goes: an SMTP server, or (offline) a folder the Development-only /dev/mail page lists.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

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

/// <summary>Offline: each message becomes an .eml file in <see cref="EmailOptions.Folder"/>.</summary>
public sealed class MailFolder(IOptions<EmailOptions> options, IHostEnvironment environment) : IMailSender
{
    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        Directory.CreateDirectory(Path);
        var name = $"{message.Date.UtcDateTime:yyyyMMddTHHmmss}-{Guid.NewGuid():N}.eml";
        var temporary = System.IO.Path.Combine(Path, name + ".tmp");
        await message.WriteToAsync(temporary, ct);
        File.Move(temporary, System.IO.Path.Combine(Path, name)); // whole files only: the list never reads half a message
    }

    /// <summary>The newest messages first.</summary>
    public IReadOnlyList<MimeMessage> Newest(int take = 100)
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        return new DirectoryInfo(Path).GetFiles("*.eml").OrderByDescending(f => f.Name, StringComparer.Ordinal).Take(take)
            .Select(f => MimeMessage.Load(f.FullName)).ToList();
    }
}
