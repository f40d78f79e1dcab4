namespace CrowdSite.Features.Donations;

/// <summary>An amount in the currency the donor saw at checkout (minor units, ISO 4217 upper case).</summary>
public sealed record PresentedAmount(long Amount, string Currency);
