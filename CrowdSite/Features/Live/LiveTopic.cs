namespace CrowdSite.Features.Live;

/// <summary>What a live page listens to: one project, or the platform's totals (the pot's page among them).</summary>
public readonly record struct LiveTopic(string Key)
{
    public static readonly LiveTopic Platform = new("platform");

    public static LiveTopic Project(int projectId) => new($"project:{projectId}");

    public override string ToString() => Key;
}
