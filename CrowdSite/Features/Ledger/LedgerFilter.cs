namespace CrowdSite.Features.Ledger;

/// <summary>Filters for a project's ledger: a time range [From, To), kinds, a commit, and a cursor.</summary>
public sealed record LedgerFilter(
    DateTime? From = null,
    DateTime? To = null,
    IReadOnlyCollection<LedgerKind>? Kinds = null,
    string? CommitSha = null,
    long? AfterId = null);
