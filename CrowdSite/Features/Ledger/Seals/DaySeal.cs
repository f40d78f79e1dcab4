using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CrowdSite.Features.Ledger.Seals;

/// <summary>
/// The seal of one closed UTC day of the ledger: <see cref="Seal"/> = SHA-256(previous seal ‖ <see cref="DayHash"/>),
/// where the day hash is the SHA-256 of the day's canonical lines (<see cref="SealLines"/>). Written once, never changed.
/// </summary>
public sealed class DaySeal
{
    public required DateOnly Day { get; init; }

    /// <summary>Lower-case hex of SHA-256(previous seal ‖ day hash), both as their 32 bytes.</summary>
    public required string Seal { get; init; }

    /// <summary>Lower-case hex of SHA-256 over the day's canonical lines.</summary>
    public required string DayHash { get; init; }

    /// <summary>The seal before this one (64 zeros for the first day).</summary>
    public required string Previous { get; init; }

    public required int Transactions { get; init; }
    public required int Entries { get; init; }

    /// <summary>The day's net movement per account, as canonical JSON (accounts in ordinal order).</summary>
    public required string AccountSums { get; init; }

    public required DateTime SealedAt { get; init; }
}

internal sealed class DaySealConfiguration : IEntityTypeConfiguration<DaySeal>
{
    public void Configure(EntityTypeBuilder<DaySeal> builder)
    {
        builder.ToTable("DaySeals");
        builder.HasKey(s => s.Day);
        builder.Property(s => s.Seal).HasMaxLength(64);
        builder.Property(s => s.DayHash).HasMaxLength(64);
        builder.Property(s => s.Previous).HasMaxLength(64);
    }
}
