using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrowdSite.Data;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CrowdSite.Tests.Infrastructure.Http;

/// <summary>An exception inside an API or webhook endpoint answers problem+json in Production, never the HTML error page.</summary>
public sealed class ApiExceptionTests : IAsyncLifetime
{
    private const string Secret = "github-webhook-secret";
    private readonly CrowdSiteFactory _site = new(seedDemo: false, environment: "Production", settings: new Dictionary<string, string>
    {
        ["GitHub:WebhookSecret"] = Secret,
    });

    private readonly WebApplicationFactory<Program> _factory;

    public ApiExceptionTests() => _factory = _site.WithWebHostBuilder(b => b.ConfigureServices(s =>
    {
        s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
        s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new BreakingTime(_site.Time)));
    }));

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Api_ExceptionInside_IsProblemDetails500()
    {
        BreakingTime.Broken.Value = true;

        var response = await _factory.CreateClient().GetAsync("/api/v1/projects/app", TestContext.Current.CancellationToken);

        await AssertProblem500Async(response);
    }

    [Fact]
    public async Task Webhook_ExceptionInside_IsProblemDetails500()
    {
        var body = Fixtures.GitHub("push-with-new-branch").ToJsonString();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/github") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-GitHub-Delivery", "d-boom");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))));
        BreakingTime.Broken.Value = true;

        var response = await _factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        await AssertProblem500Async(response);
    }

    private static async Task AssertProblem500Async(HttpResponseMessage response)
    {
        BreakingTime.Broken.Value = false;
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain(BreakingTime.Message, problem.GetRawText()); // no details outside Development
    }
}
