using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdSite.Tests.TestSupport;

namespace CrowdSite.Tests.Features.Ledger;

public sealed class ReadApiTests(SeededSite site) : IClassFixture<SeededSite>
{
    private readonly HttpClient _client = site.Factory.CreateClient();

    [Fact]
    public async Task GetProjects_ListsEveryProjectWithFigures()
    {
        var projects = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects", TestContext.Current.CancellationToken);

        Assert.True(projects.GetArrayLength() >= 6);
        var lobsters = projects.EnumerateArray().Single(p => p.GetProperty("slug").GetString() == "lobsters");
        foreach (var field in new[] { "name", "repository", "status", "health", "monthlyCost", "monthlyDonationRate", "balance", "runwayDays", "currency" })
        {
            Assert.True(lobsters.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal("critical", lobsters.GetProperty("health").GetString());
        Assert.Equal("active", lobsters.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, lobsters.GetProperty("runwayDays").ValueKind);
        Assert.Equal("USD", lobsters.GetProperty("currency").GetString());
        var sustainable = projects.EnumerateArray().First(p => p.GetProperty("health").GetString() == "healthy" && p.GetProperty("runwayDays").ValueKind == JsonValueKind.Null);
        Assert.True(sustainable.GetProperty("monthlyDonationRate").GetInt64() >= sustainable.GetProperty("monthlyCost").GetInt64());
    }

    [Fact]
    public async Task GetProject_KnownSlug_HasTotalsThatReconcile()
    {
        var project = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe", TestContext.Current.CancellationToken);

        var totals = project.GetProperty("totals");
        long T(string name) => totals.GetProperty(name).GetInt64();
        Assert.Equal("needsSupport", project.GetProperty("health").GetString());
        Assert.Equal(project.GetProperty("balance").GetInt64(),
            T("donated") - T("fees") - T("potContributed") - T("charged") + T("granted") - T("refunded"));
        Assert.Equal(JsonValueKind.Number, project.GetProperty("coverage").ValueKind);
    }

    [Fact]
    public async Task GetProject_NeedsSupport_HasRunwayWithMethodAndShortfall()
    {
        var project = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/takahe", TestContext.Current.CancellationToken);

        var runway = project.GetProperty("runway");
        var days = runway.GetProperty("days").GetInt32();
        Assert.Equal(project.GetProperty("runwayDays").GetInt32(), days);
        Assert.InRange(days, 30, 89);
        Assert.Equal(DateOnly.FromDateTime(TestDatabase.Now.UtcDateTime).AddDays(days), DateOnly.Parse(runway.GetProperty("fundedUntil").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal("trend", runway.GetProperty("method").GetString());
        var shortfall = project.GetProperty("shortfall").GetInt64();
        Assert.Equal(project.GetProperty("monthlyCost").GetInt64() - project.GetProperty("incomeRate").GetInt64(), shortfall);
        Assert.True(shortfall > 0);
    }

    [Fact]
    public async Task GetProject_Sustainable_HasNoRunwayDaysAndZeroShortfall()
    {
        var project = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/crowdsite", TestContext.Current.CancellationToken);

        Assert.Equal(JsonValueKind.Null, project.GetProperty("runway").GetProperty("days").ValueKind);
        Assert.Equal(JsonValueKind.Null, project.GetProperty("runway").GetProperty("fundedUntil").ValueKind);
        Assert.Equal(0, project.GetProperty("shortfall").GetInt64());
    }

    [Fact]
    public async Task GetProject_UnknownSlug_Is404ProblemDetails()
    {
        var response = await _client.GetAsync("/api/v1/projects/no-such-project", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "no-such-project");
    }

    [Fact]
    public async Task GetLedger_Pages_FollowNextToTheEnd()
    {
        var first = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/excalidraw/ledger?limit=400", TestContext.Current.CancellationToken);

        var items = first.GetProperty("items");
        Assert.Equal(400, items.GetArrayLength());
        var next = first.GetProperty("next").GetString();
        Assert.NotNull(next);
        var second = await _client.GetFromJsonAsync<JsonElement>(next, TestContext.Current.CancellationToken);
        var firstIds = items.EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(firstIds.Order(), firstIds);
        Assert.True(secondIds[0] > firstIds[^1]);
        Assert.Equal(400, secondIds.Count);
    }

    [Fact]
    public async Task GetLedger_Entries_CarryCommitLinksAndRunningBalance()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/miniflux/ledger?limit=5000", TestContext.Current.CancellationToken);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        var charge = items.First(i => i.GetProperty("kind").GetString() == "charge");
        var sha = charge.GetProperty("commitSha").GetString()!;
        Assert.Matches("^[0-9a-f]{40}$", sha);
        Assert.Equal($"https://github.com/miniflux/v2/commit/{sha}", charge.GetProperty("commitUrl").GetString());
        Assert.True(charge.GetProperty("amount").GetInt64() < 0);
        var running = 0L;
        foreach (var item in items)
        {
            running += item.GetProperty("amount").GetInt64();
            Assert.Equal(running, item.GetProperty("balanceAfter").GetInt64());
        }

        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "potContribution");
        Assert.Contains(items, i => i.GetProperty("kind").GetString() == "fee");
    }

    [Fact]
    public async Task GetLedger_FromTo_FiltersByTime()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>(
            "/api/v1/projects/umami/ledger?from=2026-03-01&to=2026-03-31", TestContext.Current.CancellationToken);

        var times = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("at").GetDateTime()).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.InRange(t, new DateTime(2026, 3, 1), new DateTime(2026, 4, 1)));
    }

    [Fact]
    public async Task GetLedger_AcceptCsv_ReturnsTheWholeRangeAsCsv()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects/excalidraw/ledger?limit=10");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var json = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/excalidraw/ledger?limit=5000", TestContext.Current.CancellationToken);

        var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).TrimEnd('\n').Split('\n');
        Assert.Equal("id,transactionId,at,kind,amount,currency,description,commitSha,commitUrl,balanceAfter", lines[0]);
        Assert.Equal(json.GetProperty("items").GetArrayLength(), lines.Length - 1);
        Assert.True(lines.Length - 1 > 10, "CSV ignores the page size and exports the whole range");
        Assert.Contains(lines, l => l.Contains(",charge,") && l.Contains("https://github.com/excalidraw/excalidraw/commit/"));
    }

    [Theory]
    [InlineData("/api/v1/projects/lobsters/ledger?from=2026-05-01&to=2026-04-01", "from")]
    [InlineData("/api/v1/projects/lobsters/ledger?from=yesterday", "from")]
    [InlineData("/api/v1/projects/lobsters/ledger?limit=0", "limit")]
    [InlineData("/api/v1/projects/lobsters/ledger?limit=5001", "limit")]
    [InlineData("/api/v1/projects/lobsters/series?metric=profit", "metric")]
    [InlineData("/api/v1/projects/lobsters/series?interval=hour", "interval")]
    [InlineData("/api/v1/projects/lobsters/series?from=2026-05-01&to=2026-04-01", "from")]
    public async Task Get_BadParameter_Is400ProblemDetailsNamingIt(string url, string parameter)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, parameter);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
    }

    [Fact]
    public async Task GetLedger_UnknownSlug_Is404()
    {
        var response = await _client.GetAsync("/api/v1/projects/nope/ledger", TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "nope");
    }

    [Theory]
    [InlineData("cost", "day", 365)]
    [InlineData("donations", "week", 53)]
    [InlineData("balance", "month", 13)]
    public async Task GetSeries_EachMetric_ReturnsPointsOverTheLastYear(string metric, string interval, int maxPoints)
    {
        var series = await _client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/projects/crowdsite/series?metric={metric}&interval={interval}", TestContext.Current.CancellationToken);

        var points = series.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(metric, series.GetProperty("metric").GetString());
        Assert.Equal("USD", series.GetProperty("currency").GetString());
        Assert.InRange(points.Count, maxPoints - 1, maxPoints + 1);
        Assert.Contains(points, p => p.GetProperty("amount").GetInt64() > 0);
    }

    [Fact]
    public async Task GetSeries_Balance_EndsAtTheCurrentBalance()
    {
        var project = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/lobsters", TestContext.Current.CancellationToken);
        var series = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/lobsters/series?metric=balance", TestContext.Current.CancellationToken);

        var last = series.GetProperty("points").EnumerateArray().Last();
        Assert.Equal(project.GetProperty("balance").GetInt64(), last.GetProperty("amount").GetInt64());
    }

    [Fact]
    public async Task GetSeries_Cost_SplitsByResourceAndSums()
    {
        var series = await _client.GetFromJsonAsync<JsonElement>("/api/v1/projects/crowdsite/series?metric=cost&interval=month", TestContext.Current.CancellationToken);

        var point = series.GetProperty("points").EnumerateArray().First(p => p.GetProperty("amount").GetInt64() > 0);
        var byResource = point.GetProperty("byResource").EnumerateObject().ToList();
        Assert.Contains(byResource, r => r.Name == "compute");
        Assert.Equal(point.GetProperty("amount").GetInt64(), byResource.Sum(r => r.Value.GetInt64()));
    }

    [Fact]
    public async Task GetBooks_DemoData_Balances()
    {
        var books = await _client.GetFromJsonAsync<JsonElement>("/api/v1/books", TestContext.Current.CancellationToken);

        Assert.True(books.GetProperty("balanced").GetBoolean());
        Assert.Equal(0, books.GetProperty("total").GetInt64());
        var accounts = books.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("account").GetString()).ToList();
        Assert.Contains("pot", accounts);
        Assert.Contains("donors", accounts);
        Assert.Contains("compute-provider", accounts);
        Assert.Contains("processor-fees", accounts);
    }

    [Fact]
    public async Task GetHealthz_IsHealthy()
    {
        var response = await _client.GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task GetOpenApi_DescribesTheReadApi()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/projects", paths);
        Assert.Contains("/api/v1/projects/{slug}", paths);
        Assert.Contains("/api/v1/projects/{slug}/ledger", paths);
        Assert.Contains("/api/v1/projects/{slug}/series", paths);
        Assert.Contains("/api/v1/books", paths);
        var schemas = doc.GetProperty("components").GetProperty("schemas");
        var detail = schemas.GetProperty("ProjectDetail").GetProperty("properties");
        Assert.True(detail.TryGetProperty("shortfall", out _));
        Assert.True(detail.TryGetProperty("runway", out _));
        var runway = schemas.GetProperty("RunwayFigures").GetProperty("properties");
        foreach (var field in new[] { "days", "fundedUntil", "method" })
        {
            Assert.True(runway.TryGetProperty(field, out _), $"runway lacks {field}");
        }

        Assert.True(schemas.GetProperty("ProjectListItem").GetProperty("properties").TryGetProperty("runwayDays", out _));
    }

    [Fact]
    public async Task GetHome_RendersTheProjects()
    {
        var html = await _client.GetStringAsync("/", TestContext.Current.CancellationToken);

        Assert.Contains("Takah", html);
        Assert.Contains("Needs support", html);
        Assert.Contains("Critical", html);
        Assert.Contains("jointakahe/takahe", html);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string mention)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Contains(mention, problem.GetProperty("detail").GetString() + problem.GetProperty("title").GetString());
        return problem;
    }
}
