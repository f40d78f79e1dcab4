using Microsoft.EntityFrameworkCore.Migrations;

namespace CrowdSite.Data;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on the ledger's tables, so not even raw SQL or
/// ExecuteUpdate can edit the books. Corrections are reversal entries.
/// </summary>
public static class AppendOnlyLedgerTriggers
{
    private static readonly string[] Tables = ["LedgerEntries", "LedgerTransactions"];

    /// <summary>Each append-only table with the columns that identify a row (its key and unique indexes).</summary>
    private static readonly (string Table, string[] Keys)[] ReplaceGuarded =
    [
        ("LedgerTransactions", ["Id", "IdempotencyKey"]),
        ("LedgerEntries", ["Id"]),
        ("Charges", ["Id", "SourceId", "LedgerTransactionId"]),
    ];

    /// <summary>
    /// SQLite's <c>INSERT OR REPLACE</c> (and <c>REPLACE</c>) deletes the row in its way without firing delete
    /// triggers, so it could rewrite a posted row. An insert whose key already exists is refused before it
    /// reaches the conflict; and a charge, the source document of a posted transaction, is append-only too.
    /// </summary>
    public static void CreateReplaceGuards(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            return;
        }

        foreach (var (table, keys) in ReplaceGuarded)
        {
            // One EXISTS per key, each a single index probe (an OR inside one query can fall back to a scan).
            var match = string.Join(" OR ", keys.Select(k => $"EXISTS (SELECT 1 FROM \"{table}\" WHERE \"{k}\" = NEW.\"{k}\")"));
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_replace" BEFORE INSERT ON "{table}"
                WHEN {match}
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: a row with this key is already posted'); END;
                """);
        }

        RefuseChanges(migrationBuilder, "Charges");
    }

    public static void DropReplaceGuards(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var (table, _) in ReplaceGuarded)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_replace";""");
            }

            AllowChanges(migrationBuilder, "Charges");
        }
    }

    public static void Create(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                RefuseChanges(migrationBuilder, table);
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                AllowChanges(migrationBuilder, table);
            }
        }
    }

    /// <summary>Triggers that refuse UPDATE and DELETE on <paramref name="table"/>.</summary>
    private static void RefuseChanges(MigrationBuilder migrationBuilder, string table)
    {
        foreach (var operation in new[] { "UPDATE", "DELETE" })
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_{operation.ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: post a reversal instead'); END;
                """);
        }
    }

    private static void AllowChanges(MigrationBuilder migrationBuilder, string table)
    {
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_update";""");
        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_delete";""");
    }
}
