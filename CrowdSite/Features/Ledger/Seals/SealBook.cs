namespace CrowdSite.Features.Ledger.Seals;

/// <summary>Every seal, oldest first, with what a verifier needs to read the lines.</summary>
public sealed record SealBook(string Algorithm, string Currency, DateOnly? SealedThrough, string Format, IReadOnlyList<SealItem> Seals, IReadOnlyList<SealedProject> Projects);
