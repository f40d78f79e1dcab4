namespace CrowdSite.Features.Metering;

/// <summary>Error messages shared by the metering endpoints' validators.</summary>
internal static class MeteringMessages
{
    public static string UnknownProject(string? slug) => $"Unknown project '{slug}'.";

    public const string InvalidCommitSha = "commitSha must be a full commit SHA: 40 lower-case hex characters.";

    public static string UnknownCommit(string? sha, string repository) => $"Commit {sha} is not a known commit of {repository}.";
}
