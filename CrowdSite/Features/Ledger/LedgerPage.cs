namespace CrowdSite.Features.Ledger;

/// <summary>A page of a project's ledger; <see cref="Next"/> is the URL of the following page, or null.</summary>
public sealed record LedgerPage(IReadOnlyList<LedgerItem> Items, string? Next);
