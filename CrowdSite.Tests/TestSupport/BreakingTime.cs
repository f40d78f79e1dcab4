namespace CrowdSite.Tests.TestSupport;

/// <summary>The site's clock, failing inside the requests of a test that breaks it (background jobs never see it).</summary>
public sealed class BreakingTime(TimeProvider inner) : TimeProvider
{
    public const string Message = "The test's clock is broken.";

    public static readonly AsyncLocal<bool> Broken = new();

    public override DateTimeOffset GetUtcNow() => Broken.Value ? throw new TimeoutException(Message) : inner.GetUtcNow();
}
