namespace CrowdSite.Features.Metering;

/// <summary>What the platform's deployer reports: this commit of this project runs from <see cref="StartedAt"/>.</summary>
public sealed record DeploymentReport(string? Project, string? CommitSha, DateTimeOffset? StartedAt);
