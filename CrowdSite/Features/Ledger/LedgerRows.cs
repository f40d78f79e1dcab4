using CrowdSite.Data;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// Inserts a write's transactions, entries and source documents in the caller's database transaction (a
/// metering batch is 10,000 of each): on SQLite with prepared statements, elsewhere through the change tracker
/// (documents after their transactions have keys). The rollups stay tracked by the context and are saved
/// after, in the same transaction, so a failure anywhere leaves nothing.
/// </summary>
internal sealed class LedgerRows(CrowdSiteDbContext db) : IDisposable
{
    private static readonly Type Parent = typeof(LedgerTransaction);
    private readonly bool _bulk = BulkInserter.CanWrite(db);
    private BulkInserter? _transactions;
    private BulkInserter? _entries;
    private readonly Dictionary<Type, BulkInserter> _documents = [];
    private readonly List<(object Document, LedgerTransaction Transaction)> _waiting = [];

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
            db.LedgerTransactions.Add(transaction);
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

    /// <summary>Writes what waits for keys (documents through the change tracker); call before the final save.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        await db.SaveChangesAsync(ct);
        foreach (var (document, transaction) in _waiting)
        {
            BulkInserter.LinkToParent(db, document, transaction);
            db.Add(document);
        }

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
