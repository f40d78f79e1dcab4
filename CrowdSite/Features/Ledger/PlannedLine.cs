namespace CrowdSite.Features.Ledger;

/// <summary>A line to write. <see cref="OriginalKind"/> is what its money first counted as: its own kind, or for a reversal the reversed entry's.</summary>
internal sealed record PlannedLine(string Account, LedgerKind Kind, LedgerKind CountsAs, long Amount, long? ReversesEntryId, LedgerKind OriginalKind);
