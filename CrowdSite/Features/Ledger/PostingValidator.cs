namespace CrowdSite.Features.Ledger;

internal static class PostingValidator
{
    public static void Validate(Posting posting)
    {
        if (string.IsNullOrWhiteSpace(posting.IdempotencyKey) || posting.IdempotencyKey.Length > 200)
        {
            throw new InvalidPostingException("A posting needs an idempotency key of 1 to 200 characters.");
        }

        if (posting.Currency is not { Length: 3 } || !posting.Currency.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidPostingException($"'{posting.Currency}' is not an ISO 4217 currency code.");
        }

        if (posting.Lines.Count < 2)
        {
            throw new InvalidPostingException("A transaction moves money between at least two accounts.");
        }

        if (posting.Lines.Any(l => l.Amount == 0 || string.IsNullOrWhiteSpace(l.Account)))
        {
            throw new InvalidPostingException("Every line names an account and moves a non-zero amount.");
        }

        if (posting.Lines.Any(l => l.Kind is LedgerKind.Refund or LedgerKind.Reversal))
        {
            throw new InvalidPostingException("Refunds and reversals are posted with ReverseAsync, which references the original.");
        }

        var sum = 0L;
        foreach (var line in posting.Lines)
        {
            sum = checked(sum + line.Amount);
        }

        if (sum != 0)
        {
            throw new InvalidPostingException($"A transaction's entries sum to zero; these sum to {sum}.");
        }
    }
}
