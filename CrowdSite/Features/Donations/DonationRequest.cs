namespace CrowdSite.Features.Donations;

/// <summary>
/// What a donor asks for (the donate panel and <c>POST /api/v1/projects/{slug}/donations</c>). Amounts in minor units.
/// <see cref="Visibility"/> is optional: without it a gift with a public name shows the name and amount, one without is anonymous.
/// </summary>
public sealed record DonationRequest(
    long? Amount,
    string? Currency,
    bool Recurring = false,
    bool PotOptIn = false,
    bool CoverFees = false,
    string? PublicName = null,
    string? Message = null,
    DonorVisibility? Visibility = null);
