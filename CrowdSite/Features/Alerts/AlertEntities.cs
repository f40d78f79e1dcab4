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

public enum FundingAlertKind
{
    RunwayBelow,
    Sustainable,
}

/// <summary>A crossing of a project's runway, recorded once when the watcher sees it; public (the feed carries it).</summary>
public sealed class FundingAlert
{
    public int Id { get; init; }
    public int ProjectId { get; init; }
    public FundingAlertKind Kind { get; init; }

    /// <summary>The threshold crossed downwards (60, 30 or 7 days); null for <see cref="FundingAlertKind.Sustainable"/>.</summary>
    public int? Threshold { get; init; }

    /// <summary>The runway when the crossing was seen; null when sustainable.</summary>
    public int? RunwayDays { get; init; }

    public DateTime At { get; init; }
}

/// <summary>
/// What the watcher last saw of a project: the lowest threshold its runway is under (null: above them all) and
/// whether it was sustainable. A threshold alerts when it joins this state and rearms when it leaves it.
/// </summary>
public sealed class RunwayWatch
{
    public int ProjectId { get; init; }
    public int? Below { get; set; }
    public bool Sustainable { get; set; }
    public DateTime CheckedAt { get; set; }
}

public enum OutboxKind
{
    Confirmation,
    FundingAlert,
    Update,
}

/// <summary>
/// One email to send, written with what it announces. <see cref="Key"/> is unique (kind, what, follower), so a
/// crossing or an update is queued once per follower however often the writers run.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public int FollowerId { get; init; }
    public OutboxKind Kind { get; init; }
    public int? FundingAlertId { get; init; }
    public int? UpdateId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Set when the message will not be sent: too many failures, or the follower left.</summary>
    public DateTime? AbandonedAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class AlertConfiguration :
    IEntityTypeConfiguration<Follower>, IEntityTypeConfiguration<FundingAlert>, IEntityTypeConfiguration<RunwayWatch>, IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<Follower> builder)
    {
        builder.Property(f => f.Email).HasMaxLength(254);
        builder.Property(f => f.Token).HasMaxLength(64);
        builder.HasIndex(f => f.Token).IsUnique();
        builder.HasIndex(f => new { f.ProjectId, f.Email }).IsUnique();
        builder.HasOne<Project>().WithMany().HasForeignKey(f => f.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<FundingAlert> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => new { a.ProjectId, a.At });
        builder.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RunwayWatch> builder)
    {
        builder.HasKey(w => w.ProjectId);
        builder.HasOne<Project>().WithMany().HasForeignKey(w => w.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.Key).HasMaxLength(100);
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => new { m.SentAt, m.AbandonedAt, m.NextAttemptAt });
        builder.HasOne<Follower>().WithMany().HasForeignKey(m => m.FollowerId).OnDelete(DeleteBehavior.Cascade);
    }
}
