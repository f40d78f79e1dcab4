namespace CrowdSite.Features.Donations;

/// <summary>What a gift becomes: the gross charged, the pot's share, the expected fee and the project's net.</summary>
public sealed record DonationQuote(long Gift, long FeeCover, long Gross, long PotShare, long ExpectedFee, long NetToProject);
