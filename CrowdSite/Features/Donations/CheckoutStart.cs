namespace CrowdSite.Features.Donations;

/// <summary>The outcome of starting a donation: a checkout URL, or field errors.</summary>
public sealed record CheckoutStart(string? CheckoutUrl, Guid? IntentId, IReadOnlyDictionary<string, string[]> Errors, bool ProjectFound = true)
{
    public bool Succeeded => CheckoutUrl is not null;
}
