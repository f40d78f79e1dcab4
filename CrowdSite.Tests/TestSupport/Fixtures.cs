using System.Text.Json.Nodes;

namespace CrowdSite.Tests.TestSupport;

/// <summary>Real payloads from ../shared/fixtures (published by Stripe, GitHub and Cloud Foundry).</summary>
public static class Fixtures
{
    private static readonly Lazy<string> Root = new(() =>
    {
        if (Environment.GetEnvironmentVariable("CROWDSITE_FIXTURES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(dir.FullName, "CrowdSite.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("The shared fixtures are missing: put shared/ beside the repository (../shared/fixtures) or set CROWDSITE_FIXTURES.");
    });

    public static JsonObject Stripe(string name) => Read("stripe", name);

    public static JsonObject CloudFoundry(string name) => Read("cloudfoundry", name);

    public static JsonObject GitHub(string name) => Read("github", name);

    private static JsonObject Read(string folder, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Root.Value, folder, name + ".json")))!.AsObject();
}
