using Microsoft.EntityFrameworkCore.Migrations;

namespace CrowdSite.Data;

/// <summary>
/// Database triggers that refuse UPDATE and DELETE on the ledger's tables, so not even raw SQL or
/// ExecuteUpdate can edit the books. Corrections are reversal entries.
/// </summary>
public static class AppendOnlyLedgerTriggers
{
    private static readonly string[] Tables = ["LedgerEntries", "LedgerTransactions"];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                foreach (var operation in new[] { "UPDATE", "DELETE" })
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_no_{operation.ToLowerInvariant()}" BEFORE {operation} ON "{table}"
                        BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: post a reversal instead'); END;
                        """);
                }
            }
        }
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_update";""");
                migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{table}_no_delete";""");
            }
        }
    }
}
