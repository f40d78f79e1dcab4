namespace CrowdSite.Features.Donations;

/// <summary>The outcome of changing how a gift appears: <see cref="Found"/> false when the caller has no right to it (or it does not exist).</summary>
public sealed record PrivacyChange(bool Found, string? Error = null)
{
    public bool Succeeded => Found && Error is null;
}
