namespace CrowdSite.Features.Maintainers;

/// <summary>A repository a person could register: public, not archived, and theirs to administer.</summary>
public sealed record CandidateRepository(string FullName, string? Description);
