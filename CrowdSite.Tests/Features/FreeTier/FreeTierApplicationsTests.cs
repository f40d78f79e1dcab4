using System.Security.Claims;
using CrowdSite.Data;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.FreeTier;

public sealed class FreeTierApplicationsTests : IAsyncLifetime
{
    private readonly ClaimsPrincipal Maintainer = Person("11");
    private readonly ClaimsPrincipal Stranger = Person("12");
    private readonly ClaimsPrincipal Operator = Person("42");
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string> { ["Operators:GitHubUserIds:0"] = "42" });

    private FreeTierApplications Applications => _factory.Services.GetRequiredService<FreeTierApplications>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "small", Name = "Small", Repository = "o/small", Currency = "USD" };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        db.ProjectMaintainers.Add(new ProjectMaintainer { ProjectId = project.Id, GitHubUserId = "11" });
        await db.SaveChangesAsync();
        await _factory.SignInAsync(Maintainer, Stranger, Operator);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static ClaimsPrincipal Person(string id) => new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));

    [Fact]
    public async Task Apply_ThenApprove_PutsTheProjectOnTheFreeTierWithTheDefaultCap()
    {
        Assert.Null(await Applications.ApplyAsync("small", Maintainer, "We serve a school for free."));
        var pending = Assert.Single(await Applications.PendingAsync());

        Assert.Null(await Applications.DecideAsync(pending.Application.Id, Operator, approve: true, "Small, useful, public."));

        var free = await _factory.Services.GetRequiredService<PotService>().FreeTierProjectsAsync();
        var project = Assert.Single(free);
        Assert.Equal(ProjectStatus.FreeTier, project.Status);
        Assert.Equal(1_000, project.FreeTierMonthlyCap);
        Assert.Empty(await Applications.PendingAsync());
    }

    [Fact]
    public async Task Apply_ForSomeoneElsesProject_IsRefused()
    {
        Assert.Contains("maintainers", await Applications.ApplyAsync("small", Stranger, "Please"));
        Assert.Empty(await Applications.PendingAsync());
    }

    [Fact]
    public async Task Decide_ByANonOperator_IsRefused()
    {
        await Applications.ApplyAsync("small", Maintainer, "Please");
        var pending = Assert.Single(await Applications.PendingAsync());

        Assert.Contains("operators", await Applications.DecideAsync(pending.Application.Id, Maintainer, approve: true, "Self-approval"));

        Assert.Single(await Applications.PendingAsync());
        Assert.Empty(await _factory.Services.GetRequiredService<PotService>().FreeTierProjectsAsync());
    }

    [Fact]
    public async Task Decline_WithAReason_KeepsTheProjectActive()
    {
        await Applications.ApplyAsync("small", Maintainer, "Please");
        var pending = Assert.Single(await Applications.PendingAsync());

        Assert.Null(await Applications.DecideAsync(pending.Application.Id, Operator, approve: false, "Donations cover it already."));

        Assert.Empty(await _factory.Services.GetRequiredService<PotService>().FreeTierProjectsAsync());
        Assert.Null(await Applications.ApplyAsync("small", Maintainer, "Things changed."));
    }
}
