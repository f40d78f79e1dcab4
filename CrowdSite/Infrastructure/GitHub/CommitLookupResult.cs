namespace CrowdSite.Infrastructure.GitHub;

/// <summary>What GitHub says about a commit of a public repository.</summary>
public abstract record CommitLookupResult
{
    public sealed record Found(string Message, string? Author, DateTimeOffset? CommittedAt) : CommitLookupResult;

    /// <summary>GitHub answered: no such commit in that repository (or no such public repository).</summary>
    public sealed record Missing(string Reason) : CommitLookupResult;

    /// <summary>The API's rate limit is spent until <paramref name="ResetAt"/>.</summary>
    public sealed record RateLimited(DateTimeOffset ResetAt) : CommitLookupResult;

    /// <summary>A failure worth retrying later (network, 5xx).</summary>
    public sealed record Transient(string Reason) : CommitLookupResult;
}
