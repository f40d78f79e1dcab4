namespace CrowdSite.Features.Platform;

/// <summary>The offline demo (section "Demo").</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed demo projects, charges and donations into an empty database at start.</summary>
    public bool Seed { get; set; } = true;
}
