namespace CrowdSite.Features.Donations;

public sealed record CheckoutResponse(string CheckoutUrl);
