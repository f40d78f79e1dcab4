namespace CrowdSite.Features.Ledger;

/// <summary>One line of a posting: <paramref name="Amount"/> minor units into <paramref name="Account"/> (negative: out of it).</summary>
public sealed record PostingLine(string Account, LedgerKind Kind, long Amount);
