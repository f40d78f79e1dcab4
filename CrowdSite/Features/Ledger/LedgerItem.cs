namespace CrowdSite.Features.Ledger;

/// <summary>
/// One entry of a project's ledger as the public sees it (DESIGN §6); amounts signed from the project's view.
/// <see cref="CommitVerification"/> is verified | failed (not in the public repository) | pending, for charges.
/// </summary>
public sealed record LedgerItem(
    long Id,
    long TransactionId,
    DateTime At,
    LedgerKind Kind,
    long Amount,
    string Currency,
    string Description,
    string? CommitSha,
    string? CommitUrl,
    long BalanceAfter,
    string? CommitVerification = null);
