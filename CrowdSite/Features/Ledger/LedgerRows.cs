using CrowdSite.Data;

namespace CrowdSite.Features.Ledger;

/// <summary>
/// Inserts a write's transactions, entries and source documents with prepared statements in the
/// caller's database transaction (a metering batch is 10,000 of each). The rollups stay tracked by the
/// context and are saved after, in the same transaction, so a failure anywhere leaves nothing.
/// </summary>
internal sealed class LedgerRows(CrowdSiteDbContext db) : IDisposable
{
    private readonly BulkInserter _transactions = BulkInserter.Create(db, typeof(LedgerTransaction));
    private readonly BulkInserter _entries = BulkInserter.Create(db, typeof(LedgerEntry), parentType: typeof(LedgerTransaction));
    private readonly Dictionary<Type, BulkInserter> _documents = [];

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
        if (!BulkInserter.StandsAlone(db, document, typeof(LedgerTransaction)))
        {
            db.Attach(transaction);
            db.Add(document);
            return;
        }

        if (!_documents.TryGetValue(document.GetType(), out var inserter))
        {
            inserter = BulkInserter.Create(db, document.GetType(), parentType: typeof(LedgerTransaction));
            _documents[document.GetType()] = inserter;
        }

        inserter.Insert(document, parent: transaction);
    }

    public void Dispose()
    {
        _transactions.Dispose();
        _entries.Dispose();
        foreach (var inserter in _documents.Values)
        {
            inserter.Dispose();
        }
    }
}
