namespace CrowdSite.Features.FreeTier;

/// <summary>The pot's books (DESIGN §6 <c>/api/v1/pot</c>): contributed − granted = balance.</summary>
public sealed record PotSummary(string Currency, long Balance, long Contributed, long Granted, int Donors, IReadOnlyList<PotGrantView> Grants);
