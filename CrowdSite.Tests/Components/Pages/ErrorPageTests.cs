using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Components.Pages;

public sealed class ErrorPageTests
{
    [Fact]
    public async Task ErrorPage_InProduction_SaysWhatAVisitorCanDo_WithoutTheTemplatesDeveloperText()
    {
        await using var production = new CrowdSiteFactory(seedDemo: false, environment: "Production");

        var html = await production.CreateClient().GetStringAsync("/Error", TestContext.Current.CancellationToken);

        Assert.Contains("Something went wrong", html);
        Assert.Contains("data-testid=\"error-reference\"", html);
        Assert.DoesNotContain("Development", html);
        Assert.DoesNotContain("ASPNETCORE_ENVIRONMENT", html);
    }
}
