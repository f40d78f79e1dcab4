using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.TestSupport;

/// <summary>What someone with write access to the database could do: lift the append-only triggers and change rows.</summary>
public static class Tamper
{
    public static async Task AsSomeoneWithTheDatabaseAsync(CrowdSiteDbContext db, string sql)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "LedgerEntries" DISABLE TRIGGER USER""");
            await db.Database.ExecuteSqlRawAsync(sql);
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "LedgerEntries" ENABLE TRIGGER USER""");
            return;
        }

        await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "LedgerEntries_no_update" """);
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
