namespace CrowdSite.Features.Ledger;

/// <summary>How a project is doing (DESIGN §4). Serialized as healthy | needsSupport | critical.</summary>
public enum Health
{
    Healthy,
    NeedsSupport,
    Critical,
}
