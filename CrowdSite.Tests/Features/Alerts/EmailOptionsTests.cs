using System.Net;
using CrowdSite.Features.Alerts;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Alerts;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData("Email:Smtp:Host", "smtp.example.org", "Set Email:Smtp:From")]
    [InlineData("Email:Smtp:From", "alerts@example.org", "without Email:Smtp:Host")]
    [InlineData("Email:Smtp:Security", "Sometimes", "Email:Smtp:Security")]
    public async Task Start_HalfConfigured_FailsNamingTheKey(string key, string value, string message)
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string> { [key] = value });

        var failure = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(failure);
        Assert.Contains(message, failure.ToString());
    }

    [Fact]
    public async Task Start_UserNameWithoutPassword_FailsNamingBoth()
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["Email:Smtp:Host"] = "smtp.example.org", ["Email:Smtp:From"] = "alerts@example.org", ["Email:Smtp:UserName"] = "me",
            ["Email:Smtp:Port"] = "70000",
        });

        var failure = Record.Exception(() => factory.CreateClient())?.ToString();

        Assert.Contains("Email:Smtp:UserName and Email:Smtp:Password go together", failure);
        Assert.Contains("Email:Smtp:Port must be between 1 and 65535", failure);
    }

    [Fact]
    public async Task Follow_ManyRequestsFromOneAddress_AreLimited()
    {
        await using var factory = new CrowdSiteFactory(seedDemo: false);
        var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= AlertsFeature.FollowRequestsPerMinute; i++)
        {
            statuses.Add((await client.PostAsync("/p/none/followers", new FormUrlEncodedContent([new("Email", "a@example.org")]))).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
