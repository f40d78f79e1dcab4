namespace CrowdSite.Infrastructure.GitHub;

/// <summary>What one pass did; <see cref="PausedUntil"/> is set when GitHub's rate limit stopped it.</summary>
public sealed record VerificationPass(int Verified, int Missing, int Retrying, DateTimeOffset? PausedUntil);
