using CrowdSite.Features.Ledger;

namespace CrowdSite.Features.Donations;

/// <summary>
/// What a gift of <see cref="Amount"/> (minor units) costs and where it goes; <see cref="Error"/> when the amount cannot be
/// given. <see cref="BuysOnce"/> and <see cref="BuysMonthly"/> say what it pays for at the project's current costs
/// (null without costs, or for an unknown project).
/// </summary>
public sealed record QuoteResponse(
    long? Amount, string Currency, string? Error, long Gross, long FeeCover, long PotShare, long ExpectedFee, long NetToProject,
    string? BuysOnce = null, string? BuysMonthly = null)
{
    /// <summary>The same figures formatted for people, so the page formats money the way the server does.</summary>
    public IReadOnlyDictionary<string, string> Text => new Dictionary<string, string>
    {
        ["gross"] = Format(Gross), ["feeCover"] = Format(FeeCover), ["potShare"] = Format(PotShare),
        ["expectedFee"] = Format(ExpectedFee), ["netToProject"] = Format(NetToProject),
    };

    public static QuoteResponse Of(long? amount, string currency, string? error, DonationQuote? quote) => new(
        amount, currency, error, quote?.Gross ?? 0, quote?.FeeCover ?? 0, quote?.PotShare ?? 0, quote?.ExpectedFee ?? 0, quote?.NetToProject ?? 0);

    private string Format(long minor) => new Money(minor, Currency).Format();
}
