namespace CrowdSite.Features.Ledger.Seals;

/// <summary>A project as the lines name it (by id), with its slug and repository.</summary>
public sealed record SealedProject(int Id, string Slug, string Repository);
