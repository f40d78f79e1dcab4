namespace CrowdSite.Features.Ledger;

/// <summary>The transaction for a posting, and whether this call wrote it (false: it was already there).</summary>
public sealed record PostingResult(LedgerTransaction Transaction, bool Created);
