namespace CrowdSite.Infrastructure.GitHub;

/// <summary>Looks commits up on GitHub (an edge interface: tests fake GitHub at the HTTP level instead).</summary>
public interface ICommitLookup
{
    Task<CommitLookupResult> GetAsync(string repository, string sha, CancellationToken ct);
}
