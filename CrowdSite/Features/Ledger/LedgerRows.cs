using CrowdSite.Data;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// Inserts a write's transactions, entries and source documents in the caller's database transaction (a
/// metering batch is 10,000 of each): on SQLite with prepared statements as they come, on PostgreSQL with keys
/// from the sequences and binary COPY when flushed. The rollups stay tracked by the context and are saved after,
/// in the same transaction, so a failure anywhere leaves nothing.
/// </summary>
internal sealed class LedgerRows(CrowdSiteDbContext db) : IDisposable
{
    private static readonly Type Parent = typeof(LedgerTransaction);
    private readonly bool _bulk = BulkInserter.CanWrite(db);
    private BulkInserter? _transactions;
    private BulkInserter? _entries;
    private readonly Dictionary<Type, BulkInserter> _documents = [];
    private readonly List<(object Document, LedgerTransaction Transaction)> _waiting = [];
    private readonly List<LedgerTransaction> _copied = [];

    /// <summary>Applies the lines to the rollups (fixing each entry's running balance) and inserts the transaction with its entries.</summary>
    public void Insert(RollupBook rollups, LedgerTransaction transaction, IReadOnlyList<PlannedLine> lines)
    {
        foreach (var line in lines)
        {
            var projectId = Accounts.ProjectIdOf(line.Account);
            transaction.Entries.Add(new LedgerEntry
            {
                Account = line.Account,
                ProjectId = projectId,
                Kind = line.Kind,
                CountsAs = line.CountsAs,
                Amount = line.Amount,
                Currency = transaction.Currency,
                At = transaction.At,
                BalanceAfter = rollups.Apply(line, projectId, transaction),
                ReversesEntryId = line.ReversesEntryId,
            });
        }

        if (!_bulk)
        {
            _copied.Add(transaction); // written with its entries when flushed
            return;
        }

        _transactions ??= BulkInserter.Create(db, Parent);
        _entries ??= BulkInserter.Create(db, typeof(LedgerEntry), parentType: Parent);
        _transactions.Insert(transaction);
        foreach (var entry in transaction.Entries)
        {
            _entries.Insert(entry, parent: transaction);
        }
    }

    /// <summary>
    /// Inserts the transaction's source document. One that brings new related rows of its own (a first
    /// donation starts its pledge) goes through the change tracker, which orders the graph.
    /// </summary>
    public void InsertDocument(object document, LedgerTransaction transaction)
    {
        if (!_bulk)
        {
            _waiting.Add((document, transaction)); // its transaction's key comes with the first save
            return;
        }

        if (!BulkInserter.StandsAlone(db, document, Parent))
        {
            db.Attach(transaction);
            db.Add(document);
            return;
        }

        if (!_documents.TryGetValue(document.GetType(), out var inserter))
        {
            inserter = BulkInserter.Create(db, document.GetType(), parentType: Parent);
            _documents[document.GetType()] = inserter;
        }

        inserter.Insert(document, parent: transaction);
    }

    /// <summary>Writes what waits (PostgreSQL: everything, in one COPY per table); call before the final save.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_bulk || (_copied.Count == 0 && _waiting.Count == 0))
        {
            return;
        }

        // Ledger rows and their documents are inserted here alone, under the ledger's lock: keys come as one block a table.
        await PostgresCopy.AssignKeysAsync(db, _copied, ct);
        var entries = new List<object>();
        foreach (var transaction in _copied)
        {
            foreach (var entry in transaction.Entries)
            {
                BulkInserter.LinkToParent(db, entry, transaction);
                entries.Add(entry);
            }
        }

        await PostgresCopy.AssignKeysAsync(db, entries, ct);
        await PostgresCopy.WriteAsync(db, _copied, ct);
        await PostgresCopy.WriteAsync(db, entries, ct);

        // Source documents: those that stand alone by COPY, per type; one bringing new rows of its own (a first
        // donation starts its pledge) through the change tracker, which orders the graph.
        foreach (var group in _waiting.Where(w => BulkInserter.StandsAlone(db, w.Document, Parent)).GroupBy(w => w.Document.GetType()))
        {
            var documents = group.Select(w => { BulkInserter.LinkToParent(db, w.Document, w.Transaction); return w.Document; }).ToList();
            await PostgresCopy.AssignKeysAsync(db, documents, ct);
            await PostgresCopy.WriteAsync(db, documents, ct);
        }

        foreach (var (document, transaction) in _waiting.Where(w => !BulkInserter.StandsAlone(db, w.Document, Parent)))
        {
            db.Attach(transaction);
            db.Add(document);
        }

        _copied.Clear();
        _waiting.Clear();
    }

    public void Dispose()
    {
        _transactions?.Dispose();
        _entries?.Dispose();
        foreach (var inserter in _documents.Values)
        {
            inserter.Dispose();
        }
    }
}
