using Microsoft.Extensions.Options;
using MimeKit;

namespace CrowdSite.Features.Alerts;

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
