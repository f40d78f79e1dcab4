namespace CrowdSite.Features.Ledger.Seals;

/// <summary>One sealed day: its seal, the day hash and previous seal it chains, and what it covered.</summary>
public sealed record SealItem(DateOnly Day, string Seal, string DayHash, string Previous, int Transactions, int Entries, IReadOnlyDictionary<string, long> AccountSums);
