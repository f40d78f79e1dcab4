namespace CrowdSite.Data.Demo;

/// <summary>A real commit of a real public repository, so every commit link in the demo opens on GitHub.</summary>
internal sealed record DemoCommit(string Sha, string Author, DateTimeOffset CommittedAt, string Message);
