namespace CrowdSite.Features.Donations;

public sealed record CheckoutSession(string Url, string? SessionId);
