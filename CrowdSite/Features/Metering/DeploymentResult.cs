namespace CrowdSite.Features.Metering;

public sealed record DeploymentResult(int Id, string Project, string CommitSha, DateTime StartedAt, bool Created);
