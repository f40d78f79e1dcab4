namespace CrowdSite.Features.Ledger;

/// <summary>One account in the reconciliation: its balance summed from the entries, and whether the cached balance agrees.</summary>
public sealed record BooksAccount(string Account, long Balance, int Entries, bool MatchesRunningBalance);
