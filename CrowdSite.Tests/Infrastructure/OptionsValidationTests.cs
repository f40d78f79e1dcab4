using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Infrastructure;

/// <summary>Half a configuration of an outside system fails at start, with a message naming the key to set.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Stripe:SecretKey", "sk_test_x", "Stripe:WebhookSecret is required")]
    [InlineData("Stripe:WebhookSecret", "whsec_x", "Stripe:WebhookSecret is set without Stripe:SecretKey")]
    [InlineData("GitHub:ClientId", "abc", "GitHub:ClientSecret is missing")]
    [InlineData("GitHub:ClientSecret", "abc", "GitHub:ClientId is missing")]
    [InlineData("GitHub:ApiBase", "api.github.com", "GitHub:ApiBase must be an absolute http(s) URL")]
    [InlineData("Operators:GitHubUserIds:0", "octocat", "Operators:GitHubUserIds:0 is 'octocat'")]
    [InlineData("Demo:Seed", "perhaps", "Demo:Seed")]
    public async Task Start_HalfConfigured_FailsNamingTheKey(string key, string value, string message)
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { [key] = value });

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains(message, failure.ToString());
    }

    [Fact]
    public async Task Start_PublishableKeyAsSecretKey_FailsNamingTheKey()
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["Stripe:SecretKey"] = "pk_test_x", ["Stripe:WebhookSecret"] = "whsec_x",
        });

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.Contains("Stripe:SecretKey must be a secret or restricted key", failure?.ToString());
    }
}
