namespace CrowdSite.Features.Ledger;

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
