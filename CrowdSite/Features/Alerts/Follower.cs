using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// Someone who follows a project by email. The address is personal data: it is only ever shown to its owner's
/// inbox, it is deleted when they unsubscribe, and an unconfirmed one is deleted after a week.
/// </summary>
public sealed class Follower
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public required string Email { get; init; }

    /// <summary>The secret in the confirmation and unsubscribe links (random, 32 bytes in base64url).</summary>
    public required string Token { get; set; }

    public bool RunwayAlerts { get; set; }
    public bool UpdateAlerts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
}

internal sealed class FollowerConfiguration : IEntityTypeConfiguration<Follower>
{
    public void Configure(EntityTypeBuilder<Follower> builder)
    {
        builder.Property(f => f.Email).HasMaxLength(254);
        builder.Property(f => f.Token).HasMaxLength(64);
        builder.HasIndex(f => f.Token).IsUnique();
        builder.HasIndex(f => new { f.ProjectId, f.Email }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}
