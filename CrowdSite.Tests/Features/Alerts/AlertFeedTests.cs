using System.Xml.Linq;
using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Alerts;

public sealed class AlertFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task UpdatesFeed_AfterACrossing_CarriesTheFundingAlert()
    {
        await using var site = new CrowdSiteFactory(seedDemo: false);
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            db.FundingAlerts.Add(new FundingAlert { ProjectId = project.Id, Kind = FundingAlertKind.RunwayBelow, Threshold = 7, RunwayDays = 5, At = TestDatabase.Now.UtcDateTime });
            await db.SaveChangesAsync();
        }

        var feed = XDocument.Parse(await site.CreateClient().GetStringAsync("/p/app/updates.atom"));

        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        Assert.Equal("App: runway under 7 days", entry.Element(Atom + "title")!.Value);
        Assert.Equal("funding-alert", entry.Element(Atom + "category")!.Attribute("term")!.Value);
        Assert.Contains("about 5 days", entry.Element(Atom + "content")!.Value);
    }
}
