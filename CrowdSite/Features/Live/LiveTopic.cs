namespace CrowdSite.Features.Live;

/// <summary>What a live page listens to: one project, the free-tier pot, or the platform's totals.</summary>
public readonly record struct LiveTopic(string Key)
{
    public static readonly LiveTopic Pot = new("pot");
    public static readonly LiveTopic Platform = new("platform");

    public static LiveTopic Project(int projectId) => new($"project:{projectId}");

    public override string ToString() => Key;
}
