namespace CrowdSite.Data;

/// <summary>Written once when the demo data is seeded, so restarts never seed twice.</summary>
public sealed class DemoSeedMarker
{
    public int Id { get; init; }
    public DateTime SeededAt { get; init; }
    public int Version { get; init; }
}
