namespace CrowdSite.Features.Ledger;

/// <summary>
/// The platform-wide books (DESIGN §6 <c>/api/v1/books</c>). <see cref="DaysChecked"/> project-days of the
/// rollups behind every chart and monthly figure were recomputed from the entries; <see cref="MismatchedDays"/>
/// of them disagree (then the books are not balanced).
/// </summary>
public sealed record Books(
    string Currency,
    IReadOnlyList<BooksAccount> Accounts,
    long Total,
    int Transactions,
    int UnbalancedTransactions,
    bool Balanced,
    int DaysChecked = 0,
    int MismatchedDays = 0);
