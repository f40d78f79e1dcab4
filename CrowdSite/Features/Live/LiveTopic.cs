namespace CrowdSite.Features.Live;

/// <summary>What a live page listens to: one project, or the platform's totals (the pot's page among them); caches key on them too.</summary>
public readonly record struct LiveTopic(string Key)
{
    public static readonly LiveTopic Platform = new("platform");

    /// <summary>Some project's page text changed (an edit, an update, a registration, a free-tier decision): no money moved.</summary>
    public static readonly LiveTopic Pages = new("pages");

    public static LiveTopic Project(int projectId) => new($"project:{projectId}");

    public override string ToString() => Key;
}
