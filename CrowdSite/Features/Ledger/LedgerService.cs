using System.Diagnostics.CodeAnalysis;
using CrowdSite.Data;
using CrowdSite.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// The only writer of money. Posts balanced transactions with their source documents and keeps the
/// rollups in step, all in one database transaction. It has no method that edits or deletes an entry.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle is used; this one lives as long as the app.")]
public sealed class LedgerService(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    TimeProvider time,
    ILiveUpdates live)
{
    // SQLite admits one writer at a time and makes the others sleep and retry (Microsoft.Data.Sqlite
    // sleeps 150 ms a try); queueing this process's ledger writers here keeps them in order without those naps.
    // Each write holds SQLite's write lock from its first read (WriteTransaction), so the idempotency keys it
    // finds unposted stay unposted until it commits: no retry is ever needed.
    // Not reentrant: code running inside a write (an `alongside` callback) must not call this service.
    private readonly SemaphoreSlim _writers = new(1, 1);

    public async Task<PostingResult> PostAsync(Posting posting, CancellationToken ct = default) =>
        (await PostBatchAsync([posting], ct))[0];

    /// <summary>Posts every posting or none. Results are in the order given.</summary>
    public Task<IReadOnlyList<PostingResult>> PostBatchAsync(IReadOnlyList<Posting> postings, CancellationToken ct = default) =>
        PostBatchAsync(postings, alongside: null, ct);

    /// <summary>
    /// Posts every posting or none, and lets <paramref name="alongside"/> stage other changes (an importer's
    /// state) in the same database transaction, so they commit or fail together with the money.
    /// </summary>
    public async Task<IReadOnlyList<PostingResult>> PostBatchAsync(
        IReadOnlyList<Posting> postings, Func<CrowdSiteDbContext, Task>? alongside, CancellationToken ct = default)
    {
        foreach (var posting in postings)
        {
            PostingValidator.Validate(posting);
        }

        var results = await WriteAsync(async db =>
        {
            if (alongside is not null)
            {
                await alongside(db);
            }

            return await LedgerWriter.WriteAsync(db, postings, time.GetUtcNow().UtcDateTime, ct);
        }, ct);
        Publish(results);
        return results;
    }

    /// <summary>
    /// Posts the negation of a transaction's entries, referencing it. <paramref name="kind"/> is
    /// <see cref="LedgerKind.Refund"/> for money returned to a donor, <see cref="LedgerKind.Reversal"/> for corrections.
    /// </summary>
    public Task<PostingResult> ReverseAsync(
        long transactionId, string idempotencyKey, LedgerKind kind, string description, CancellationToken ct = default) =>
        ReverseAsync(transactionId, idempotencyKey, kind, description, Portion.Whole, ct);

    /// <summary>
    /// Reverses a transaction up to <paramref name="portion"/> of it in total (a partial refund brings a
    /// donation to amount_refunded / amount). Never reverses more than the original.
    /// </summary>
    public async Task<PostingResult> ReverseAsync(
        long transactionId, string idempotencyKey, LedgerKind kind, string description, Portion portion, CancellationToken ct = default)
    {
        if (kind is not (LedgerKind.Refund or LedgerKind.Reversal))
        {
            throw new InvalidPostingException("A reversal is of kind refund or reversal.");
        }

        var results = await WriteAsync(
            async db => [await LedgerWriter.ReverseAsync(db, transactionId, idempotencyKey, kind, description, portion, time.GetUtcNow().UtcDateTime, ct)],
            ct);
        Publish(results);
        return results[0];
    }

    private async Task<IReadOnlyList<PostingResult>> WriteAsync(
        Func<CrowdSiteDbContext, Task<IReadOnlyList<PostingResult>>> write, CancellationToken ct)
    {
        await _writers.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await WriteTransaction.BeginAsync(db, ct);
            var results = await write(db);
            await tx.CommitAsync(ct);
            return results;
        }
        finally
        {
            _writers.Release();
        }
    }

    /// <summary>Tells open pages what changed; returns at once (readers never hold up a writer).</summary>
    private void Publish(IReadOnlyList<PostingResult> results)
    {
        var created = results.Where(r => r.Created).ToList();
        foreach (var projectId in created.SelectMany(r => r.Transaction.Entries).Select(e => e.ProjectId).OfType<int>().Distinct())
        {
            live.Publish(LiveTopic.Project(projectId));
        }

        if (created.Count > 0)
        {
            live.Publish(LiveTopic.Platform);
        }
    }
}
