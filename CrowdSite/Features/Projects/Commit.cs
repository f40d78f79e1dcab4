using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Projects;

/// <summary>A commit of a public repository, cached once; <see cref="VerifiedAt"/> stays null until GitHub confirmed it.</summary>
public sealed class Commit
{
    public int Id { get; init; }
    public required string Repository { get; init; }
    public required string Sha { get; init; }
    public string? Message { get; set; }
    public string? Author { get; set; }
    public DateTime? CommittedAt { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime? VerificationFailedAt { get; set; }

    public string ShortSha => Sha[..7];

    /// <summary>The one way a commit is linked: its page in the public repository it was verified against.</summary>
    public static string UrlOf(string repository, string sha) => $"https://github.com/{repository}/commit/{sha}";

    /// <summary>Cuts text GitHub sends (messages, names) to what the columns hold.</summary>
    public static string Fit(string text, int max) => text.Length <= max ? text : text[..max];

    public static bool IsValidSha(string? sha) =>
        sha is { Length: 40 } && sha.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}

internal sealed class CommitConfiguration : IEntityTypeConfiguration<Commit>
{
    public void Configure(EntityTypeBuilder<Commit> builder)
    {
        builder.Property(c => c.Repository).HasMaxLength(140);
        builder.Property(c => c.Sha).HasMaxLength(40).IsFixedLength();
        builder.HasIndex(c => new { c.Repository, c.Sha }).IsUnique();
        builder.Property(c => c.Message).HasMaxLength(1000);
        builder.Property(c => c.Author).HasMaxLength(200);
        builder.HasIndex(c => c.VerifiedAt);
    }
}
