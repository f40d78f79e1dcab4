using CrowdSite.Features.Ledger;
using CrowdSite.Features.Ledger.Seals;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdSite.Tests.Features.Ledger.Seals;

public sealed class BookSealsTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _projectId = (await _db.AddProjectAsync()).Id;
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();

    private BookSeals Seals() => new(_db, _db.Time, NullLogger<BookSeals>.Instance);

    private static DateTime DaysAgo(int days, int hour = 12) => TestDatabase.Now.UtcDateTime.Date.AddDays(-days).AddHours(hour);

    [Fact]
    public async Task SealClosedDays_SealsEachDayFromTheFirst_ChainedAndContiguous_ThenNothingTwice()
    {
        var ledger = _db.Ledger();
        await ledger.PostAsync(Ledgers.Donation(_projectId, 1_000, "g1", at: DaysAgo(3)));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(1)));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 200, "c2")); // today: not closed

        var sealedDays = await Seals().SealClosedDaysAsync();
        var again = await Seals().SealClosedDaysAsync();
        var seals = await Seals().SealsAsync();

        Assert.Equal(3, sealedDays);
        Assert.Equal(0, again);
        Assert.Equal([DaysAgo(3), DaysAgo(2), DaysAgo(1)], seals.Select(s => s.Day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)));
        Assert.Equal(SealLines.NoSeal, seals[0].Previous);
        Assert.All(seals.Skip(1).Zip(seals), pair => Assert.Equal(pair.Second.Seal, pair.First.Previous));
        Assert.All(seals, s => Assert.Equal(SealLines.Chain(s.Previous, s.DayHash), s.Seal));
        Assert.Equal([1, 0, 1], seals.Select(s => s.Transactions));
        Assert.Equal(SealLines.DayHash([]), seals[1].DayHash);
        Assert.Contains($"\"project:{_projectId}\":-300", seals[2].AccountSums);
    }

    [Fact]
    public async Task ADayClosedLessThanTheGraceAgo_WaitsForItsSeal()
    {
        _db.Time.SetUtcNow(new DateTimeOffset(TestDatabase.Now.UtcDateTime.Date.AddDays(1).AddMinutes(5), TimeSpan.Zero));
        await _db.Ledger().PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(0)));

        Assert.Equal(0, await Seals().SealClosedDaysAsync());

        _db.Time.Advance(BookSeals.Grace);
        Assert.Equal(1, await Seals().SealClosedDaysAsync());
    }

    [Fact]
    public async Task TwoSealersAtOnce_SealEachDayOnce()
    {
        var ledger = _db.Ledger();
        for (var day = 1; day <= 20; day++)
        {
            await ledger.PostAsync(Ledgers.Charge(_projectId, day, $"c{day}", at: DaysAgo(day)));
        }

        await Task.WhenAll(Seals().SealClosedDaysAsync(), Seals().SealClosedDaysAsync());
        await Seals().SealClosedDaysAsync(); // whoever stopped at the other's seal goes on from it

        var seals = await Seals().SealsAsync();
        Assert.Equal(20, seals.Count);
        Assert.All(seals.Skip(1).Zip(seals), pair => Assert.Equal(pair.Second.Seal, pair.First.Previous));
    }

    [Fact]
    public async Task APostingDatedInASealedDay_IsRefused_AndTheDayStaysAsSealed()
    {
        var ledger = _db.Ledger();
        await ledger.PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(2)));
        await Seals().SealClosedDaysAsync();

        var late = await Assert.ThrowsAsync<InvalidPostingException>(() => ledger.PostAsync(Ledgers.Charge(_projectId, 5, "late", at: DaysAgo(2, hour: 23))));
        await ledger.PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(2))); // the same key again: already posted, no error

        Assert.Contains("sealed", late.Message);
        Assert.Empty(await Seals().ChangedSealedDaysAsync(days: 7));
    }

    [Fact]
    public void BookedAt_NowBehindTheLastSeal_IsMovedToTheFirstOpenDay()
    {
        var openFrom = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc);
        var skewedNow = openFrom.AddMinutes(-3);

        Assert.Equal(openFrom, SealedDays.BookedAt(null, skewedNow, openFrom, "k"));
        Assert.Equal(openFrom.AddHours(1), SealedDays.BookedAt(null, openFrom.AddHours(1), openFrom, "k"));
        Assert.Throws<InvalidPostingException>(() => SealedDays.BookedAt(skewedNow, openFrom, openFrom, "k"));
    }

    [Fact]
    public async Task AnEntryChangedInASealedDay_IsReported()
    {
        await _db.Ledger().PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(2)));
        await Seals().SealClosedDaysAsync();

        await using (var db = _db.CreateDbContext())
        {
            await Tamper.AsSomeoneWithTheDatabaseAsync(db, """UPDATE "LedgerEntries" SET "Amount" = "Amount" + 1 WHERE "Account" = 'compute-provider'""");
        }

        Assert.Equal([DateOnly.FromDateTime(DaysAgo(2))], await Seals().ChangedSealedDaysAsync(days: 7));
    }

    [Fact]
    public async Task Seals_CannotBeRewritten()
    {
        await _db.Ledger().PostAsync(Ledgers.Charge(_projectId, 300, "c1", at: DaysAgo(2)));
        await Seals().SealClosedDaysAsync();
        await using var db = _db.CreateDbContext();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "DaySeals" SET "Seal" = 'forged'"""));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "DaySeals" """));
    }
}
