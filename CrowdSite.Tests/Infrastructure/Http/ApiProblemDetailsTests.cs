using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>Every API error is problem+json with a reason a person understands, in Development and in Production.</summary>
public abstract class ApiProblemDetailsTests(string environment) : IAsyncLifetime
{
    private const string Key = "cs_test_problem_key";
    private static readonly string Sha = new('a', 40);
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, environment: environment, settings: new Dictionary<string, string>
    {
        ["Metering:ApiKeyHashes:0"] = ApiKey.HashOf(Key),
    });

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        db.Commits.Add(new Commit { Repository = "octo/app", Sha = Sha });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/projects/app/ledger?to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/projects/app/ledger?to=9999-12-31&format=csv", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/projects/app/series?metric=cost&to=9999-12-31", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/projects/app/ledger?from=0001-01-01", HttpStatusCode.BadRequest)]
    public async Task Get_BadAddressOrValue_IsProblemDetails(string path, HttpStatusCode status)
    {
        var response = await _factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        await AssertProblemAsync(response, status);
    }

    [Theory]
    [InlineData("application/json", "{bad", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """{"amount": "500", "currency": "USD"}""", HttpStatusCode.BadRequest)] // a string is not a number
    [InlineData("text/plain", "500 USD", HttpStatusCode.UnsupportedMediaType)]
    public async Task PostDonation_BodyThatCannotBeRead_IsProblemDetails(string contentType, string body, HttpStatusCode status)
    {
        var response = await _factory.CreateClient().PostAsync("/api/v1/projects/app/donations",
            new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, status);
        if (status == HttpStatusCode.BadRequest)
        {
            Assert.Contains("JSON", problem.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(1_000_000_000_000_000)]
    public async Task PostUsage_AmountPastTheCeiling_Is422WithTheReason(long amount)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/usage")
        {
            Content = JsonContent.Create(new
            {
                charges = new[]
                {
                    new
                    {
                        id = "big", project = "app", commitSha = Sha, resource = "compute", quantity = 1.0, unit = "vCPU-hours", amount,
                        currency = "USD", periodStart = "2026-11-25T00:00:00Z", periodEnd = "2026-11-25T01:00:00Z",
                    },
                },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("MaxChargeAmount", problem.GetRawText());
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}

public sealed class ApiProblemDetailsInDevelopmentTests() : ApiProblemDetailsTests("Development");

public sealed class ApiProblemDetailsInProductionTests() : ApiProblemDetailsTests("Production");
