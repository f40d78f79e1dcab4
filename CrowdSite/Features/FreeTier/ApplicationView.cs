namespace CrowdSite.Features.FreeTier;

public sealed record ApplicationView(FreeTierApplication Application, string Slug, string ProjectName);
