using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Features.Metering;

/// <summary>The metering ingest (section "Metering").</summary>
public sealed class MeteringOptions
{
    public const string Section = "Metering";

    /// <summary>SHA-256 hex hashes of accepted platform keys (configuration never holds a usable key).</summary>
    public string[] ApiKeyHashes { get; set; } = [];

    [Range(1, 10_000, ErrorMessage = "Metering:MaxBatchSize must be between 1 and 10000.")]
    public int MaxBatchSize { get; set; } = 10_000;

    [Range(1_024, 64 * 1024 * 1024, ErrorMessage = "Metering:MaxBodyBytes must be between 1 KiB and 64 MiB.")]
    public long MaxBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// The largest single charge accepted, in minor units (default 100,000,000: $1,000,000). A typo of a few digits
    /// in a metering pipeline is refused instead of booked; near 2^63 the books' sums would overflow.
    /// </summary>
    [Range(1, 1_000_000_000_000, ErrorMessage = "Metering:MaxChargeAmount must be between 1 and 10^12 minor units.")]
    public long MaxChargeAmount { get; set; } = 100_000_000;

    /// <summary>Requests a key may make per minute before it is answered 429 with Retry-After.</summary>
    [Range(1, 100_000, ErrorMessage = "Metering:RequestsPerMinute must be between 1 and 100000.")]
    public int RequestsPerMinute { get; set; } = 120;
}
