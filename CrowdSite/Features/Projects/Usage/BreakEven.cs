namespace CrowdSite.Features.Projects.Usage;

/// <summary>
/// The calculator's answer for a monthly gift of <see cref="Gift"/> (minor units): <see cref="NetGift"/> reaches the project after the
/// processor's fee; <see cref="Covers"/> says what it is measured against (<c>shortfall</c>, or <c>monthlyCost</c> when donations
/// already cover costs) and <see cref="Needed"/> is that amount; <see cref="UsersNeeded"/> people giving it would cover it (rounded up);
/// <see cref="SharePercent"/> is their share of the monthly active users (rounded up to 0.01 below 1%, to 0.1 above; null without
/// user figures); <see cref="GiftEachIfAllGave"/> is what each would have to give when even all of them giving this would not do.
/// <see cref="Text"/> also says the reverse when the users suffice: what each would give if 1% of them gave.
/// </summary>
public sealed record BreakEven(
    long Gift, long NetGift, string Covers, long Needed, long UsersNeeded, double? SharePercent, long? GiftEachIfAllGave, string Text);
