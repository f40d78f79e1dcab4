using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Projects.Usage;

/// <summary>Cost per active user and the sustainability calculator (issue 14, item 2): pure integer arithmetic on the page's figures.</summary>
public static class Sustainability
{
    /// <summary>The calculator's preset monthly gifts in minor units ($1, $3, $5).</summary>
    public static readonly IReadOnlyList<long> Presets = [100, 300, 500];

    public const long DefaultGift = 300;

    /// <summary>Monthly cost ÷ monthly active users in hundredths of a minor unit, half up; null without users.</summary>
    public static long? CostPerActiveUser(long monthlyCost, long? activeUsers) =>
        activeUsers is > 0 and var users && monthlyCost >= 0
            ? (long)(((Int128)monthlyCost * 200 + users) / (2 * (Int128)users))
            : null;

    /// <summary>"$0.04" from hundredths of a minor unit: whole minor units (half up) from one up, more digits below ("$0.0042").</summary>
    public static string FormatCostPerUser(long hundredths, string currency)
    {
        if (hundredths >= 100)
        {
            return new Money((hundredths + 50) / 100, currency).Format();
        }

        var zero = new Money(0, currency);
        var digits = Money.MinorDigits(currency) + 2;
        return zero.Format().Replace(zero.Format(withSymbol: false), "0." + hundredths.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0'));
    }

    /// <summary>
    /// If how many of the users gave <paramref name="gift"/> a month would the project be sustainable? Null when it has no costs or the
    /// gift would not outlast the fee.
    /// </summary>
    public static BreakEven? Compute(string projectName, long gift, long monthlyCost, long shortfall, long? activeUsers, string currency, FeeSchedule fees)
    {
        var net = gift - DonationMath.Fee(gift, fees);
        if (monthlyCost <= 0 || net <= 0)
        {
            return null;
        }

        var covered = shortfall <= 0;
        var needed = covered ? monthlyCost : shortfall;
        var people = (needed + net - 1) / net;
        var users = activeUsers is > 0 ? activeUsers.Value : 0;
        var basisPoints = users > 0 ? ((Int128)people * 10_000 + users - 1) / users : 0;
        double? share = users > 0 ? Share(basisPoints) : null;
        var each = users > 0 && people > users ? DonationMath.GrossCoveringFees((needed + users - 1) / users, fees) : (long?)null;
        var text = Sentence(projectName, gift, covered, needed, people, users, share, each, currency, fees);
        return new BreakEven(gift, net, covered ? "monthlyCost" : "shortfall", needed, people, share, each, text);
    }

    /// <summary>Basis points rounded up to the figure shown: 0.01% steps below 1%, 0.1% steps from there.</summary>
    private static double Share(Int128 basisPoints) =>
        basisPoints < 100 ? (double)basisPoints / 100 : (double)((basisPoints + 9) / 10) / 10;

    private static string Sentence(string name, long gift, bool covered, long needed, long people, long users, double? share, long? each, string currency, FeeSchedule fees)
    {
        string M(long minor) => new Money(minor, currency).Format();
        var giving = $"gave {M(gift)} a month";
        var who = people == 1 ? "1 person" : $"{people:N0} people";
        if (users == 0)
        {
            return covered
                ? $"{name}'s costs are covered today; {who} who {giving} would pay its whole monthly cost of {M(needed)} on their own. It has not reported its users yet."
                : $"{who} who {giving} would make {name} sustainable (its shortfall is {M(needed)} a month). It has not reported its users yet.";
        }

        var percent = share!.Value.ToString(share < 1 ? "0.00" : "0.#", System.Globalization.CultureInfo.InvariantCulture);
        if (each is { } gross)
        {
            return covered
                ? $"{name}'s costs are covered today. Even if all {users:N0} of its monthly users {giving}, they would not pay its whole monthly cost of {M(needed)} alone: each would need to give {M(gross)}."
                : $"Even if all {users:N0} of {name}'s monthly users {giving}, it would not be sustainable: each would need to give {M(gross)} a month.";
        }

        var answer = covered
            ? $"{name}'s costs are covered today. If {percent}% of its {users:N0} monthly users {giving} ({who}), they alone would pay its whole monthly cost of {M(needed)}."
            : $"If {percent}% of {name}'s {users:N0} monthly users {giving} ({who}), it would be sustainable.";
        return $"{answer} {Reverse(needed, users, currency, fees)}";
    }

    /// <summary>The other way round: if 1% of the users gave (at least one person), what each would need to give a month, fee included.</summary>
    public static long GiftEachIfOnePercentGave(long needed, long users, FeeSchedule fees)
    {
        var payers = Math.Max(1, users / 100);
        return DonationMath.GrossCoveringFees((needed + payers - 1) / payers, fees);
    }

    private static string Reverse(long needed, long users, string currency, FeeSchedule fees)
    {
        var payers = Math.Max(1, users / 100);
        var each = new Money(GiftEachIfOnePercentGave(needed, users, fees), currency).Format();
        return payers == 1 ? $"Or one of them would need to give {each} a month." : $"Or, if 1% of them gave ({payers:N0} people), each would need to give {each} a month.";
    }
}
