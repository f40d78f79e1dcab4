namespace CrowdSite.Features.Alerts;

public sealed record FollowResult(FollowOutcome Outcome, IReadOnlyDictionary<string, string[]>? Errors = null);
