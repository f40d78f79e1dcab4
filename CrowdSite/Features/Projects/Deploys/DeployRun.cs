namespace CrowdSite.Features.Projects.Deploys;

/// <summary>One deployment as recorded: which commit ran from <see cref="StartedAt"/> until <see cref="EndedAt"/> (null: still running).</summary>
public sealed record DeployRun(int Id, string Sha, string Repository, string? Message, DateTime StartedAt, DateTime? EndedAt);
