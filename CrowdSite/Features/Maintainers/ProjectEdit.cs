namespace CrowdSite.Features.Maintainers;

/// <summary>What a maintainer may change on the page.</summary>
public sealed record ProjectEdit(string Tagline, string Category, string Description, string? WebsiteUrl, string? LogoUrl);
