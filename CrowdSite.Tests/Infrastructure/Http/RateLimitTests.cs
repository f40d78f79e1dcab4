using System.Net;
using System.Net.Http.Json;
using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>Per-client limits where abuse is cheap, each set by its RateLimits: key; beyond one, 429 with Retry-After.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string>
    {
        ["RateLimits:DonationStartsPerMinute"] = "3",
        ["RateLimits:SignInsPerMinute"] = "2",
        ["RateLimits:LiveConnectionsPerClient"] = "2",
    });

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task DonationStarts_PastTheLimit_Are429WithRetryAfter()
    {
        var client = _factory.CreateClient();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/v1/projects/app/donations", new { amount = 500, currency = "USD" }, TestContext.Current.CancellationToken));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        await AssertLimitedAsync(answers[3]);
    }

    [Fact]
    public async Task SignIns_PastTheLimit_Are429()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken));
        }

        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        await AssertLimitedAsync(answers[2]);
    }

    [Fact]
    public async Task LiveStreams_PastTheLimit_Are429_AndOneClosingMakesRoom()
    {
        var client = _factory.CreateClient();
        using var first = await OpenStreamAsync(client);
        using var second = await OpenStreamAsync(client);
        using var third = await OpenStreamAsync(client);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        await AssertLimitedAsync(third);

        first.Dispose(); // the page closes
        HttpResponseMessage? again = null;
        for (var i = 0; i < 50 && again?.StatusCode != HttpStatusCode.OK; i++)
        {
            again?.Dispose();
            await Task.Delay(100, TestContext.Current.CancellationToken);
            again = await OpenStreamAsync(client);
        }

        Assert.Equal(HttpStatusCode.OK, again!.StatusCode);
        again.Dispose();
    }

    private static Task<HttpResponseMessage> OpenStreamAsync(HttpClient client) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/p/app/live"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After says when to come back");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("this address", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }
}
