using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.SignIn;

/// <summary>One sign-in, from the cookie's issue to sign-out. The cookie names it; a cookie whose session has ended is refused.</summary>
public sealed class SignInSession
{
    public required string Id { get; init; }
    public required string GitHubUserId { get; init; }
    public DateTime StartedAt { get; init; }
    public DateTime? EndedAt { get; set; }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.GitHubUserId).HasMaxLength(32);
        builder.HasIndex(s => s.GitHubUserId);
    }
}
