using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Alerts;

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

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
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
