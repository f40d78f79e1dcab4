namespace CrowdSite.Features.Maintainers;

public sealed record RegistrationResult(Projects.Project? Project, string? Refusal);
