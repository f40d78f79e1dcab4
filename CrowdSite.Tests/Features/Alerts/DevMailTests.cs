using System.Net;
using System.Text.RegularExpressions;
using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Tests.Features.Alerts;

/// <summary>Offline (no SMTP server): messages land in a folder, listed at /dev/mail in Development only.</summary>
public sealed partial class DevMailTests
{
    private static Dictionary<string, string> FolderSettings(out string folder)
    {
        folder = Path.Combine(Path.GetTempPath(), "crowdsite-tests", "mail-" + Guid.NewGuid().ToString("N"));
        return new() { ["Email:Folder"] = folder };
    }

    [Fact]
    public async Task DevMail_OfflineInDevelopment_ListsTheConfirmationFromTheFolder()
    {
        await using var site = new CrowdSiteFactory(seedDemo: false, FolderSettings(out var folder));
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync())
        {
            db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
            await db.SaveChangesAsync();
        }

        var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await client.GetStringAsync("/p/app/follow");
        await client.PostAsync("/p/app/followers", new FormUrlEncodedContent(
        [
            new("Email", "me@example.org"), new("Runway", "on"), new("__RequestVerificationToken", TokenField().Match(form).Groups[1].Value),
        ]));
        await site.Services.GetRequiredService<OutboxDelivery>().SendDueAsync();
        var page = await client.GetStringAsync("/dev/mail");

        Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.Contains("Development only", page);
        Assert.Contains("Confirm: follow App on CrowdSite", page);
        Assert.Contains("/follow/confirm/", page);
        Assert.Contains("one-click", page);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task DevMail_InProduction_IsNotFound()
    {
        await using var site = new CrowdSiteFactory(seedDemo: false, FolderSettings(out _), environment: "Production");

        var response = await site.CreateClient().GetAsync("/dev/mail");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Development only", await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
