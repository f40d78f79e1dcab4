namespace CrowdSite.Features.Ledger;

/// <summary>How a runway was projected. Serialized as trend | steady.</summary>
public enum RunwayMethod
{
    /// <summary>Costs follow the least-squares line of the last 90 complete days (clipped at zero), then hold.</summary>
    Trend,

    /// <summary>Too little cost history for a trend: costs stay at the last 30 days' rate.</summary>
    Steady,
}
