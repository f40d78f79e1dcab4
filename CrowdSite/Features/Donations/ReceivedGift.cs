namespace CrowdSite.Features.Donations;

/// <summary>A gift as received: gross charged, the processor's fee, and the pot's share of the gift.</summary>
public sealed record ReceivedGift(int ProjectId, string ProjectName, long Gross, long Fee, long PotShare, string Currency, bool Recurring);
