using System.Linq.Expressions;

namespace CrowdSite.Features.Donations;

/// <summary>
/// Which donations count as given, everywhere a gift or a giver is counted (backers, the pot's donors): paid and
/// not taken back in full. A partly refunded gift still counts; a refunded or disputed one does not (a dispute
/// won sets the gift back to succeeded, so it counts again).
/// </summary>
public static class GivenDonations
{
    public static readonly Expression<Func<Donation, bool>> IsGiven =
        d => d.Status == DonationStatus.Succeeded || d.Status == DonationStatus.PartiallyRefunded;

    public static IQueryable<Donation> Given(this IQueryable<Donation> donations) => donations.Where(IsGiven);
}
