namespace CrowdSite.Features.Alerts;

/// <summary>The project a token belongs to, for the pages that answer a link from an email.</summary>
public sealed record FollowedProject(string Slug, string Name, bool Confirmed);
