using System.Reflection;
using CrowdSite.Data;
using CrowdSite.Features.Ledger;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class LedgerServiceTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _projectId = (await _database.AddProjectAsync()).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Post_Donation_EveryTransactionSumsToZero()
    {
        var ledger = _database.Ledger();

        await ledger.PostAsync(Ledgers.Donation(_projectId, 10_000, "d1", fee: 320, pot: 100));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 2_500, "c1"));

        await using var db = _database.CreateDbContext();
        var sums = await db.LedgerEntries.GroupBy(e => e.TransactionId).Select(g => g.Sum(e => e.Amount)).ToListAsync();
        Assert.Equal(2, sums.Count);
        Assert.All(sums, sum => Assert.Equal(0, sum));
    }

    [Fact]
    public async Task Post_SeveralTransactions_BalanceEqualsSumOfEntries()
    {
        var ledger = _database.Ledger();

        await ledger.PostAsync(Ledgers.Donation(_projectId, 10_000, "d1", fee: 320, pot: 100));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 2_500, "c1"));
        await ledger.PostAsync(Ledgers.Donation(_projectId, 500, "d2", fee: 45));

        await using var db = _database.CreateDbContext();
        var account = Accounts.Project(_projectId);
        var sum = await db.LedgerEntries.Where(e => e.Account == account).SumAsync(e => e.Amount);
        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");
        Assert.Equal(10_000 - 320 - 100 - 2_500 + 500 - 45, sum);
        Assert.Equal(sum, figures.Balance);
        var last = await db.LedgerEntries.Where(e => e.Account == account).OrderBy(e => e.Id).LastAsync();
        Assert.Equal(sum, last.BalanceAfter);
    }

    [Fact]
    public async Task Post_UnbalancedLines_ThrowsAndWritesNothing()
    {
        var posting = Ledgers.Charge(_projectId, 100, "bad") with
        {
            Lines = [new(Accounts.Project(_projectId), LedgerKind.Charge, -100), new(Accounts.ComputeProvider, LedgerKind.Charge, 99)],
        };

        await Assert.ThrowsAsync<InvalidPostingException>(() => _database.Ledger().PostAsync(posting));

        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public async Task Post_SameKeyTwice_ReturnsFirstAndWritesOnce()
    {
        var ledger = _database.Ledger();

        var first = await ledger.PostAsync(Ledgers.Donation(_projectId, 1_000, "same"));
        var second = await ledger.PostAsync(Ledgers.Donation(_projectId, 9_999, "same"));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Transaction.Id, second.Transaction.Id);
        await using var db = _database.CreateDbContext();
        Assert.Equal(1, await db.LedgerTransactions.CountAsync());
        Assert.Equal(1_000, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
    }

    [Fact]
    public async Task Post_FiftyConcurrentPostsWithOneKey_WritesOneTransaction()
    {
        var ledger = _database.Ledger();

        var results = await Task.WhenAll(Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => ledger.PostAsync(Ledgers.Donation(_projectId, 2_000, "concurrent")))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Transaction.Id).Distinct());
        await using var db = _database.CreateDbContext();
        Assert.Equal(1, await db.LedgerTransactions.CountAsync());
        Assert.Equal(2_000, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
    }

    [Fact]
    public async Task PostBatch_OneInvalidPosting_WritesNothing()
    {
        var bad = Ledgers.Charge(_projectId, 100, "c2") with { Currency = "usd" };

        await Assert.ThrowsAsync<InvalidPostingException>(() =>
            _database.Ledger().PostBatchAsync([Ledgers.Charge(_projectId, 100, "c1"), bad]));

        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.LedgerTransactions.CountAsync());
    }

    [Fact]
    public async Task PostBatch_KeyRepeatedInsideBatch_PostsOnce()
    {
        var results = await _database.Ledger().PostBatchAsync(
            [Ledgers.Charge(_projectId, 100, "c1"), Ledgers.Charge(_projectId, 100, "c1"), Ledgers.Charge(_projectId, 50, "c2")]);

        Assert.Equal([true, false, true], results.Select(r => r.Created));
        Assert.Equal(-150, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
    }

    [Fact]
    public async Task Reverse_Donation_RestoresBalanceAndReferencesOriginal()
    {
        var ledger = _database.Ledger();
        await ledger.PostAsync(Ledgers.Charge(_projectId, 300, "c1"));
        var donation = await ledger.PostAsync(Ledgers.Donation(_projectId, 5_000, "d1", fee: 175, pot: 50));

        var refund = await ledger.ReverseAsync(donation.Transaction.Id, "refund:d1", LedgerKind.Refund, "Refund");

        Assert.Equal(donation.Transaction.Id, refund.Transaction.ReversesTransactionId);
        Assert.Equal(-300, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
        var totals = await _database.Figures().TotalsAsync(_projectId);
        Assert.Equal(5_000 - 175 - 50, totals.Refunded);
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.AccountBalances.Where(b => b.Account == Accounts.Pot).Select(b => b.Balance).SingleAsync());
        Assert.All(refund.Transaction.Entries, e => Assert.NotNull(e.ReversesEntryId));
    }

    [Fact]
    public async Task Reverse_Charge_CountsAgainstChargedTotal()
    {
        var ledger = _database.Ledger();
        var charge = await ledger.PostAsync(Ledgers.Charge(_projectId, 300, "c1"));

        await ledger.ReverseAsync(charge.Transaction.Id, "fix:c1", LedgerKind.Reversal, "Metering correction");

        var figures = await _database.Figures().ForProjectAsync(_projectId, "USD");
        Assert.Equal(0, figures.Balance);
        Assert.Equal(0, figures.MonthlyCost);
        Assert.Equal(0, (await _database.Figures().TotalsAsync(_projectId)).Charged);
    }

    [Fact]
    public async Task Reverse_SameKeyTwice_ReversesOnce()
    {
        var ledger = _database.Ledger();
        var donation = await ledger.PostAsync(Ledgers.Donation(_projectId, 5_000, "d1"));

        var first = await ledger.ReverseAsync(donation.Transaction.Id, "refund:d1", LedgerKind.Refund, "Refund");
        var again = await ledger.ReverseAsync(donation.Transaction.Id, "refund:d1", LedgerKind.Refund, "Refund");

        Assert.False(again.Created);
        Assert.Equal(first.Transaction.Id, again.Transaction.Id);
        Assert.Equal(0, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
        await Assert.ThrowsAsync<InvalidPostingException>(() =>
            ledger.ReverseAsync(donation.Transaction.Id, "refund:other", LedgerKind.Refund, "Refund"));
    }

    [Fact]
    public async Task Reverse_Portions_ReverseProportionallyAndNeverMoreThanTheOriginal()
    {
        var ledger = _database.Ledger();
        var donation = await ledger.PostAsync(Ledgers.Donation(_projectId, 999, "d1", fee: 59, pot: 9));

        await ledger.ReverseAsync(donation.Transaction.Id, "r1", LedgerKind.Refund, "Partial", Portion.Of(333, 999));
        var balanceAfterThird = (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance;
        await ledger.ReverseAsync(donation.Transaction.Id, "r2", LedgerKind.Refund, "Rest", Portion.Whole);
        await Assert.ThrowsAsync<InvalidPostingException>(() =>
            ledger.ReverseAsync(donation.Transaction.Id, "r3-late", LedgerKind.Refund, "Late", Portion.Of(333, 999)));

        Assert.Equal(931 - (333 - 19 - 3), balanceAfterThird);
        Assert.Equal(0, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
        await using var db = _database.CreateDbContext();
        Assert.All(await db.LedgerEntries.GroupBy(e => e.TransactionId).Select(g => g.Sum(e => e.Amount)).ToListAsync(), sum => Assert.Equal(0, sum));
        Assert.All(await db.AccountBalances.ToListAsync(), b => Assert.Equal(0, b.Balance));
    }

    [Fact]
    public async Task PostBatch_CrashAfterSomeInserts_LeavesNothingBehind()
    {
        var postings = Enumerable.Range(0, 100).Select(i => Ledgers.Charge(_projectId, 10, $"c{i}") with
        {
            Attach = i == 70 ? _ => throw new InvalidOperationException("the process died here") : null,
        }).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Ledger().PostBatchAsync(postings));

        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.LedgerTransactions.CountAsync());
        Assert.Equal(0, await db.AccountBalances.CountAsync());
    }

    [Fact]
    public async Task Reverse_RefundAfterADisputeWasWon_StillReversesTheDonation()
    {
        var ledger = _database.Ledger();
        var donation = await ledger.PostAsync(Ledgers.Donation(_projectId, 5_000, "d1", fee: 175, pot: 50));
        var dispute = await ledger.ReverseAsync(donation.Transaction.Id, "dispute", LedgerKind.Refund, "Disputed");
        await ledger.ReverseAsync(dispute.Transaction.Id, "won", LedgerKind.Reversal, "Dispute won");
        Assert.Equal(4_775, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);

        await ledger.ReverseAsync(donation.Transaction.Id, "refund", LedgerKind.Refund, "Refunded later");

        Assert.Equal(0, (await _database.Figures().ForProjectAsync(_projectId, "USD")).Balance);
        await using var db = _database.CreateDbContext();
        Assert.All(await db.AccountBalances.ToListAsync(), b => Assert.Equal(0, b.Balance));
    }

    [Fact]
    public async Task SaveChanges_ModifiedOrDeletedEntry_IsRefused()
    {
        await _database.Ledger().PostAsync(Ledgers.Donation(_projectId, 1_000, "d1"));
        await using var db = _database.CreateDbContext();
        var entry = await db.LedgerEntries.FirstAsync();

        db.Entry(entry).Property(e => e.Amount).CurrentValue = 1;
        await Assert.ThrowsAsync<LedgerAppendOnlyException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.LedgerEntries.Remove(await db.LedgerEntries.FirstAsync());
        await Assert.ThrowsAsync<LedgerAppendOnlyException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task BulkSql_UpdateOrDeleteOfLedger_IsRefusedByTheDatabase()
    {
        await _database.Ledger().PostAsync(Ledgers.Donation(_projectId, 1_000, "d1"));
        await using var db = _database.CreateDbContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.LedgerEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Amount, 0)));
        await Assert.ThrowsAnyAsync<Exception>(() => db.LedgerEntries.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.LedgerTransactions.ExecuteDeleteAsync());
        Assert.Equal(2, await db.LedgerEntries.CountAsync());
    }

    [Fact]
    public void LedgerService_PublicApi_HasNoWayToEditOrDelete()
    {
        var names = typeof(LedgerService).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(m => m.Name).ToList();

        Assert.Equal(["PostAsync", "PostBatchAsync", "ReverseAsync"], names.Distinct().Order());
        Assert.All(typeof(LedgerEntry).GetProperties(), p => Assert.False(p.SetMethod is { } set && set.ReturnParameter.GetRequiredCustomModifiers().Length == 0,
            $"{p.Name} has a public setter"));
    }

    [Fact]
    public async Task Post_LedgerChanged_MovesTheProjectsLiveVersionOnce()
    {
        var topic = CrowdSite.Features.Live.LiveTopic.Project(_projectId);

        await _database.Ledger().PostAsync(Ledgers.Charge(_projectId, 100, "c1"));
        await _database.Ledger().PostAsync(Ledgers.Charge(_projectId, 100, "c1")); // the same key: nothing new

        Assert.Equal(1, _database.Live.VersionOf(topic));
        Assert.Equal(1, _database.Live.VersionOf(CrowdSite.Features.Live.LiveTopic.Platform));
    }
}
