using System.Security.Claims;
using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Alerts;

/// <summary>A maintainer's update goes to the confirmed followers who chose updates, through a real SMTP server.</summary>
public sealed class UpdateAlertTests : IAsyncLifetime
{
    private static readonly ClaimsPrincipal Maintainer = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "111"), new Claim(ClaimTypes.Name, "ann"), new Claim("urn:github:name", "Ann")], "test"));

    private readonly InProcessSmtp _smtp = InProcessSmtp.Start();
    private CrowdSiteFactory _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = new CrowdSiteFactory(seedDemo: false, _smtp.Settings());
        await using var db = await _site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var project = new Project { Slug = "a", Name = "A", Repository = "octo/a", Currency = "USD" };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        db.ProjectMaintainers.Add(new ProjectMaintainer { ProjectId = project.Id, GitHubUserId = "111" });
        var confirmed = TestDatabase.Now.UtcDateTime;
        db.Followers.AddRange(
            new Follower { ProjectId = project.Id, Email = "news@example.org", Token = "t1", UpdateAlerts = true, ConfirmedAt = confirmed },
            new Follower { ProjectId = project.Id, Email = "money@example.org", Token = "t2", RunwayAlerts = true, ConfirmedAt = confirmed },
            new Follower { ProjectId = project.Id, Email = "later@example.org", Token = "t3", UpdateAlerts = true });
        await db.SaveChangesAsync();
        await _site.SignInAsync(Maintainer);
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task PostUpdate_FollowersWhoChoseUpdates_GetItOnce()
    {
        var posted = await _site.Services.GetRequiredService<MaintainerService>().PostUpdateAsync("a", Maintainer, "We moved", "To a **bigger** server.");
        var delivery = _site.Services.GetRequiredService<OutboxDelivery>();
        await delivery.SendDueAsync();
        await delivery.SendDueAsync();
        var received = await _smtp.WaitForAsync(1);
        await Task.Delay(300);

        Assert.Equal(EditOutcome.Saved, posted.Outcome);
        var message = Assert.Single(_smtp.Received);
        Assert.Equal("news@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("A: We moved", message.Subject);
        Assert.Contains("To a **bigger** server.", message.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Single(received);
    }
}
