using System.Text;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Ledger.Seals;

namespace CrowdSite.Tests.Features.Ledger.Seals;

/// <summary>The canonical lines are a public format (docs/books.md): these bytes and hashes must never drift.</summary>
public sealed class SealLinesTests
{
    private static readonly DateTime Day = new(2026, 11, 5, 14, 3, 22, DateTimeKind.Utc);

    [Fact]
    public void Write_AChargeAndAGift_GivesTheDocumentedBytes()
    {
        var lines = SealLines.Write([Gift(), Charge()]);

        Assert.Equal(
            """{"id":7,"at":"2026-11-05T14:03:22.123456Z","kind":"charge","key":"charge:c1","currency":"USD","description":"Compute: 2 vCPU-hours for Takahē at abcdef0","project":3,"commit":{"repository":"jointakahe/takahe","sha":"abcdef0123456789abcdef0123456789abcdef01"},"resource":"compute","recurring":false,"reverses":null,"entries":[{"id":20,"account":"project:3","kind":"charge","countsAs":"charge","amount":-137,"currency":"USD","balanceAfter":863,"reverses":null},{"id":21,"account":"compute-provider","kind":"charge","countsAs":"charge","amount":137,"currency":"USD","balanceAfter":137,"reverses":null}]}""" + "\n"
            + """{"id":9,"at":"2026-11-05T18:00:00.000000Z","kind":"donation","key":"gift:1","currency":"USD","description":"Donation to \"Takahē\"","project":3,"commit":null,"resource":null,"recurring":true,"reverses":null,"entries":[{"id":30,"account":"donors","kind":"donation","countsAs":"donation","amount":-1000,"currency":"USD","balanceAfter":-1000,"reverses":null},{"id":31,"account":"project:3","kind":"donation","countsAs":"donation","amount":1000,"currency":"USD","balanceAfter":1863,"reverses":null}]}""" + "\n",
            Encoding.UTF8.GetString(lines));
        Assert.Equal(GoldenDayHash, SealLines.DayHash(lines));
        Assert.Equal(GoldenSeal, SealLines.Chain(SealLines.NoSeal, GoldenDayHash));
    }

    [Fact]
    public void AnEmptyDay_HashesTheEmptyString()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SealLines.DayHash(SealLines.Write([])));
    }

    [Fact]
    public void AChangedRemovedOrInsertedEntry_ChangesTheDayHash()
    {
        var original = SealLines.DayHash(SealLines.Write([Gift(), Charge()]));

        var changed = SealLines.DayHash(SealLines.Write([Gift(amount: 1001), Charge()]));
        var removed = SealLines.DayHash(SealLines.Write([Charge()]));
        var inserted = SealLines.DayHash(SealLines.Write([Gift(), Charge(), Charge(id: 8)]));

        Assert.All([changed, removed, inserted], hash => Assert.NotEqual(original, hash));
    }

    [Fact]
    public void Chain_DependsOnThePreviousSeal()
    {
        var dayHash = SealLines.DayHash(SealLines.Write([Charge()]));

        Assert.NotEqual(SealLines.Chain(SealLines.NoSeal, dayHash), SealLines.Chain(GoldenSeal, dayHash));
    }

    [Fact]
    public void AccountSums_AreTheDaysNetMovementInOrdinalOrder()
    {
        Assert.Equal("""{"compute-provider":137,"donors":-1000,"project:3":863}""",
            SealLines.AccountSums([.. Gift().Transaction.Entries, .. Charge().Transaction.Entries]));
    }

    // Computed independently (Python's hashlib over the lines above), not by the code under test.
    private const string GoldenDayHash = "8a840513bce224450319c529dccb5636edb5fbfdeb2f7bbe0f5452be5ae2429f";
    private const string GoldenSeal = "cafdb57786a8515d9e956cb9829c85d5b5739655134da6c4920ae3b783510add";

    private static SealLines.Source Charge(int id = 7) => new(new LedgerTransaction
    {
        Id = id, IdempotencyKey = $"charge:c{id - 6}", Kind = LedgerKind.Charge, At = Day.AddTicks(1_234_567), Currency = "USD",
        Description = "Compute: 2 vCPU-hours for Takahē at abcdef0", ProjectId = 3, Resource = "compute",
        Entries =
        [
            new() { Id = id * 3 - 1, Account = "project:3", ProjectId = 3, Kind = LedgerKind.Charge, CountsAs = LedgerKind.Charge, Amount = -137, Currency = "USD", At = Day, BalanceAfter = 863 },
            new() { Id = id * 3, Account = "compute-provider", Kind = LedgerKind.Charge, CountsAs = LedgerKind.Charge, Amount = 137, Currency = "USD", At = Day, BalanceAfter = 137 },
        ],
    }, "jointakahe/takahe", "abcdef0123456789abcdef0123456789abcdef01");

    private static SealLines.Source Gift(long amount = 1000) => new(new LedgerTransaction
    {
        Id = 9, IdempotencyKey = "gift:1", Kind = LedgerKind.Donation, At = new DateTime(2026, 11, 5, 18, 0, 0, DateTimeKind.Utc), Currency = "USD",
        Description = "Donation to \"Takahē\"", ProjectId = 3, Recurring = true,
        Entries =
        [
            new() { Id = 30, Account = "donors", Kind = LedgerKind.Donation, CountsAs = LedgerKind.Donation, Amount = -amount, Currency = "USD", At = Day, BalanceAfter = -1000 },
            new() { Id = 31, Account = "project:3", ProjectId = 3, Kind = LedgerKind.Donation, CountsAs = LedgerKind.Donation, Amount = amount, Currency = "USD", At = Day, BalanceAfter = 1863 },
        ],
    }, null, null);
}
