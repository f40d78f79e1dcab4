using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Metering;

/// <summary>Two instances on one PostgreSQL database ingesting usage at once: charges are recorded once, running balances and rollups stay exact.</summary>
public sealed class TwoInstanceUsageTests : TwoInstances
{
    [Fact]
    public async Task EightIdenticalBatches_SplitAcrossBoth_RecordOneSetOfCharges()
    {
        var batch = Enumerable.Range(0, 50).Select(i => Charge($"c{i}", 100 + i)).ToList();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            (i % 2 == 0 ? A : B).Services.GetRequiredService<UsageIngest>().IngestAsync(batch)));

        Assert.All(outcomes, o => Assert.True(o.Valid));
        Assert.Equal(50, outcomes.Sum(o => o.Result!.Recorded));
        await using var db = await A.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        Assert.Equal(50, await db.Charges.CountAsync());
        Assert.Equal(-batch.Sum(c => c.Amount!.Value), await BalanceAsync(B.CreateClient()));
        await AssertBooksBalancedAsync();
    }

    [Fact]
    public async Task DifferentBatchesOnBoth_AtOnce_KeepRunningBalancesAndRollupsExact()
    {
        var batches = Enumerable.Range(0, 10).Select(b => Enumerable.Range(0, 30).Select(i => Charge($"b{b}-{i}", 1 + b * 30 + i)).ToList()).ToList();

        await Task.WhenAll(batches.Select((batch, i) => (i % 2 == 0 ? A : B).Services.GetRequiredService<UsageIngest>().IngestAsync(batch)));

        await using var db = await A.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        // A serial replay: each entry's balanceAfter is the sum of the account's entries up to it.
        var entries = await db.LedgerEntries.Where(e => e.Account == Accounts.ProjectPrefix + ProjectId).OrderBy(e => e.Id).ToListAsync();
        var running = 0L;
        foreach (var entry in entries)
        {
            running += entry.Amount;
            Assert.Equal(running, entry.BalanceAfter);
        }

        Assert.Equal(300, entries.Count);
        Assert.Equal(-batches.SelectMany(b => b).Sum(c => c.Amount!.Value), running);
        Assert.Equal(running, await db.ProjectDays.Where(d => d.ProjectId == ProjectId).SumAsync(d => d.Charged)); // the day rollups, charges signed as in the ledger
        await AssertBooksBalancedAsync();
    }
}
