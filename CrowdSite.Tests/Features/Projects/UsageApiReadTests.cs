using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Projects;

/// <summary>Issue 14, items 2 and 3 in the read API, on the demo: active users, cost per user, break-even, each deploy's cost.</summary>
public sealed class UsageApiReadTests(SeededSite site) : IClassFixture<SeededSite>
{
    private readonly HttpClient _client = site.Factory.CreateClient();

    [Fact]
    public async Task GetProject_Demo_HasActiveUsersCostPerUserAndBreakEvenAtThePresets()
    {
        var project = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe", TestContext.Current.CancellationToken);

        var users = project.GetProperty("activeUsers").GetInt64();
        Assert.InRange(users, 40_000, 55_000);
        var perUser = project.GetProperty("costPerActiveUser").GetDouble();
        var monthly = project.GetProperty("monthlyCost").GetInt64();
        Assert.Equal(Math.Round(monthly * 100.0 / users, MidpointRounding.AwayFromZero) / 100, perUser);
        var breakEven = project.GetProperty("breakEven").EnumerateArray().ToList();
        Assert.Equal([100L, 300L, 500L], breakEven.Select(b => b.GetProperty("gift").GetInt64()));
        Assert.All(breakEven, b =>
        {
            Assert.Equal("shortfall", b.GetProperty("covers").GetString());
            Assert.Equal(project.GetProperty("shortfall").GetInt64(), b.GetProperty("needed").GetInt64());
            Assert.True(b.GetProperty("usersNeeded").GetInt64() * b.GetProperty("netGift").GetInt64() >= b.GetProperty("needed").GetInt64());
        });
        // A bigger gift needs fewer people.
        Assert.True(breakEven[0].GetProperty("usersNeeded").GetInt64() > breakEven[2].GetProperty("usersNeeded").GetInt64());
    }

    [Fact]
    public async Task GetDeployments_Demo_ListsEachNewestFirstWithItsChangeAgainstTheOneBefore()
    {
        var deploys = (await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe/deployments", TestContext.Current.CancellationToken))
            .EnumerateArray().ToList();

        Assert.True(deploys.Count >= 10);
        var starts = deploys.Select(d => d.GetProperty("startedAt").GetDateTime()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
        var newest = deploys[0];
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("endedAt").ValueKind);
        Assert.True(newest.GetProperty("costPerDay").GetInt64() > 0);
        Assert.True(newest.GetProperty("costPer1000Requests").GetDouble() > 0);
        Assert.Matches(@"^[0-9a-f]{7}: (\+\d+|\u2212\d+|±0)% a day against [0-9a-f]{7}$", newest.GetProperty("change").GetString());
        Assert.Equal(deploys.Skip(1).First(d => d.GetProperty("completeDays").GetInt32() > 0).GetProperty("commitSha").GetString(),
            newest.GetProperty("previousSha").GetString());
        Assert.StartsWith("https://github.com/jointakahe/takahe/commit/", newest.GetProperty("commitUrl").GetString());
    }

    [Fact]
    public async Task GetDeployments_UnknownProject_Is404ProblemDetails()
    {
        var response = await _client.GetAsync("/api/v1/projects/nope/deployments", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("3", null)]
    [InlineData("12.50", null)]
    [InlineData("abc", "Enter an amount")]
    [InlineData("0.10", "")]
    public async Task GetSustainability_AnswersAGiftOrSaysWhatIsWrong(string gift, string? error)
    {
        var answer = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/takahe/sustainability?gift={gift}", TestContext.Current.CancellationToken);

        if (error is null)
        {
            Assert.Matches(@"^If \d+(\.\d+)?% of Takahē Social's [\d,]+ monthly users gave \$[\d.]+ a month \([\d,]+ people\), it would be sustainable\. Or, if 1% of them gave \([\d,]+ people\), each would need to give \$[\d.]+ a month\.$",
                answer.GetProperty("text").GetString());
            Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        }
        else
        {
            Assert.Contains(error, answer.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task GetOpenApi_ShowsTheUsageFieldsAndTheNewEndpoints()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/projects/{slug}/deployments", paths);
        Assert.Contains("/api/v1/metrics", paths);
        var detail = doc.GetProperty("components").GetProperty("schemas").GetProperty("ProjectDetail").GetProperty("properties");
        foreach (var field in new[] { "activeUsers", "costPerActiveUser", "breakEven", "runwayDays", "coverage", "totals" })
        {
            Assert.True(detail.TryGetProperty(field, out _), $"ProjectDetail lacks {field}");
        }
    }
}
