namespace CrowdSite.Features.Maintainers;

public sealed record EditResult(EditOutcome Outcome, Guid? Stamp = null, IReadOnlyDictionary<string, string>? Errors = null);
