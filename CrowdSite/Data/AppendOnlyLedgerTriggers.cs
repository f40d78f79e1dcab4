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

    /// <summary>
    /// PostgreSQL: one function raises, and row triggers call it before any UPDATE or DELETE (an INSERT ... ON
    /// CONFLICT DO UPDATE is an update, so it is refused too), and a statement trigger before TRUNCATE.
    /// PostgreSQL has no REPLACE, so the unique keys alone refuse an insert of a posted key.
    /// </summary>
    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION crowdsite_refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the ledger is append-only: post a reversal instead (% on %)', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'restrict_violation';
            END $$;
            """);
        foreach (var table in PostgresAppendOnly)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_no_change" BEFORE UPDATE OR DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION crowdsite_refuse_ledger_change();
                CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION crowdsite_refuse_ledger_change();
                """);
        }
    }

    /// <summary>The tables PostgreSQL keeps append-only: the ledger's two and the charges that are its source documents.</summary>
    public static readonly string[] PostgresAppendOnly = ["LedgerTransactions", "LedgerEntries", "Charges"];

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

    /// <summary>Makes another table append-only on either engine (the day seals: written once, never changed).</summary>
    public static void CreateFor(MigrationBuilder migrationBuilder, string table)
    {
        if (migrationBuilder.IsSqlite())
        {
            RefuseChanges(migrationBuilder, table);
            return;
        }

        migrationBuilder.Sql($"""
            CREATE TRIGGER "{table}_no_change" BEFORE UPDATE OR DELETE ON "{table}"
                FOR EACH ROW EXECUTE FUNCTION crowdsite_refuse_ledger_change();
            CREATE TRIGGER "{table}_no_truncate" BEFORE TRUNCATE ON "{table}"
                FOR EACH STATEMENT EXECUTE FUNCTION crowdsite_refuse_ledger_change();
            """);
    }

    public static void DropFor(MigrationBuilder migrationBuilder, string table)
    {
        if (migrationBuilder.IsSqlite())
        {
            AllowChanges(migrationBuilder, table);
            return;
        }

        migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_change" ON "{table}"; DROP TRIGGER IF EXISTS "{table}_no_truncate" ON "{table}";""");
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
