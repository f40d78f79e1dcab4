using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>A webhook delivery already handled: GitHub's redeliveries of it change nothing.</summary>
public sealed class GitHubDelivery
{
    public required string DeliveryId { get; init; }
    public required string Event { get; init; }
    public DateTime ReceivedAt { get; init; }
}

internal sealed class GitHubDeliveryConfiguration : IEntityTypeConfiguration<GitHubDelivery>
{
    public void Configure(EntityTypeBuilder<GitHubDelivery> builder)
    {
        builder.HasKey(d => d.DeliveryId);
        builder.Property(d => d.DeliveryId).HasMaxLength(64);
        builder.Property(d => d.Event).HasMaxLength(64);
    }
}
