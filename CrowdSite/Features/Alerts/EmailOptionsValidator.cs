using Microsoft.Extensions.Options;
using MimeKit;

namespace CrowdSite.Features.Alerts;

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
