using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>A stretch of running time billed to one commit: split at deployments and at UTC midnight.</summary>
public sealed record UsageSlice(DateTime Start, DateTime End, long Instances, long MemoryMb, Deployment Deployment)
{
    public double GbHours => Instances * MemoryMb * (End - Start).TotalHours / 1024;

    /// <summary>instances × MB ÷ 1024 × hours × price, in minor units, rounded half up, in integers (milliseconds).</summary>
    public long Amount(long pricePerGbHourMicros)
    {
        var milliseconds = (Int128)(long)(End - Start).TotalMilliseconds;
        var numerator = milliseconds * Instances * MemoryMb * pricePerGbHourMicros;
        var denominator = (Int128)1024 * 3_600_000 * 1_000_000;
        return (long)((numerator + denominator / 2) / denominator);
    }
}
