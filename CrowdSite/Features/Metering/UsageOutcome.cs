namespace CrowdSite.Features.Metering;

/// <summary>The ingest's verdict: recorded, invalid (field errors, nothing written), or conflicting (an id reused with other content).</summary>
public sealed record UsageOutcome(UsageResult? Result, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<string> Conflicts)
{
    public bool Valid => Errors.Count == 0 && Conflicts.Count == 0;
}
