namespace CrowdSite.Features.Ledger;

/// <summary>One line of a posting: <paramref name="Amount"/> minor units into <paramref name="Account"/> (negative: out of it).</summary>
public sealed record PostingLine(string Account, LedgerKind Kind, long Amount);

/// <summary>
/// A transaction to post. Lines must sum to zero. <see cref="IdempotencyKey"/> makes posting safe to
/// retry: the same key posted twice returns the first transaction and writes nothing.
/// </summary>
public sealed record Posting
{
    public required string IdempotencyKey { get; init; }
    public required LedgerKind Kind { get; init; }
    public required string Currency { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<PostingLine> Lines { get; init; }
    public int? ProjectId { get; init; }
    public int? CommitId { get; init; }

    /// <summary>The resource a charge is for (compute, memory, …); null for everything else.</summary>
    public string? Resource { get; init; }
    public bool Recurring { get; init; }

    /// <summary>When it happened; null means now. Only the demo seed writes history.</summary>
    public DateTime? At { get; init; }

    /// <summary>
    /// Builds the source document (a charge, a donation) that belongs to the transaction, so both
    /// are written in one database transaction. Not called when the key was already posted.
    /// </summary>
    public Func<LedgerTransaction, object>? Attach { get; init; }
}

/// <summary>The transaction for a posting, and whether this call wrote it (false: it was already there).</summary>
public sealed record PostingResult(LedgerTransaction Transaction, bool Created);

public sealed class InvalidPostingException(string message) : ArgumentException(message);

/// <summary>How much of a transaction a reversal brings it to, in total: <see cref="Numerator"/> / <see cref="Denominator"/>.</summary>
public readonly record struct Portion(long Numerator, long Denominator)
{
    public static readonly Portion Whole = new(1, 1);

    public bool IsWhole => Numerator >= Denominator;

    /// <summary>amount × portion, truncated toward zero (so +x and −x give exact opposites).</summary>
    public long Of(long amount) => IsWhole ? amount : (long)((Int128)amount * Numerator / Denominator);

    public static Portion Of(long part, long whole) =>
        whole <= 0 || part < 0 ? throw new InvalidPostingException("A portion is a part of a positive whole.") : new(Math.Min(part, whole), whole);
}
