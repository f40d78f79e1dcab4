using System.Text.Json.Nodes;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// Real payloads published by Stripe, GitHub and Cloud Foundry (see Fixtures/README.md), embedded in this
/// assembly so the tests read nothing outside the repository.
/// </summary>
public static class Fixtures
{
    public static JsonObject Stripe(string name) => Read("stripe", name);

    public static JsonObject CloudFoundry(string name) => Read("cloudfoundry", name);

    public static JsonObject GitHub(string name) => Read("github", name);

    private static JsonObject Read(string folder, string name)
    {
        var resource = $"Fixtures/{folder}/{name}.json";
        using var stream = typeof(Fixtures).Assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"No embedded fixture {resource}: add it under CrowdSite.Tests/Fixtures/.");
        return JsonNode.Parse(stream)!.AsObject();
    }
}
