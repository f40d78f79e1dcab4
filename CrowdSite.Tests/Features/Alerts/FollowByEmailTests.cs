using System.Net;
using System.Text.RegularExpressions;
using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Alerts;

/// <summary>Following by email end to end: the form, a real SMTP server in-process, the links in the messages.</summary>
public sealed partial class FollowByEmailTests : IAsyncLifetime
{
    private readonly InProcessSmtp _smtp = InProcessSmtp.Start();
    private CrowdSiteFactory _site = null!;
    private HttpClient _visitor = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        var settings = _smtp.Settings();
        settings["Platform:PublicUrl"] = "https://crowdsite.test/";
        _site = new CrowdSiteFactory(seedDemo: false, settings);
        await using var db = await Db();
        var project = new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        _projectId = project.Id;
        _visitor = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private Task<CrowdSiteDbContext> Db() => _site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task Follow_ConfirmThenCrossing_SendsConfirmationThenOneAlertWithOneClickUnsubscribe()
    {
        await _site.Services.GetRequiredService<RunwayWatcher>().CheckAsync(); // the project as it is: sustainable, no costs

        var followed = await FollowAsync("Someone@Example.org");
        await SendDueAsync();
        var confirmation = (await _smtp.WaitForAsync(1))[0];

        Assert.Equal(HttpStatusCode.Redirect, followed.StatusCode);
        Assert.Equal("/p/app/follow?done=sent", followed.Headers.Location!.OriginalString);
        Assert.Equal("someone@example.org", confirmation.To.Mailboxes.Single().Address);
        Assert.Equal("Confirm: follow App on CrowdSite", confirmation.Subject);
        AssertUnsubscribeHeaders(confirmation);
        var confirm = Link().Match(confirmation.TextBody!).Value;
        Assert.StartsWith("https://crowdsite.test/follow/confirm/", confirm);

        var confirmed = await _visitor.GetAsync(new Uri(confirm).PathAndQuery);

        Assert.Equal("/p/app/follow?done=confirmed", confirmed.Headers.Location!.OriginalString);
        await PostAsync(Ledgers.Donation(_projectId, 10_000, "d1", Now()));
        await PostAsync(Ledgers.Charge(_projectId, 5_000, "c1", Now())); // 5,000 left of 5,000 a month: about 30 days
        var alerts = await _site.Services.GetRequiredService<RunwayWatcher>().CheckAsync();
        await SendDueAsync();
        var alert = (await _smtp.WaitForAsync(2))[1];

        Assert.Single(alerts);
        Assert.Equal("App: runway under 60 days", alert.Subject);
        Assert.Contains("https://crowdsite.test/p/app", alert.TextBody!);
        AssertUnsubscribeHeaders(alert);

        var unsubscribe = new Uri(alert.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var mailClient = _site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var oneClick = await mailClient.PostAsync(unsubscribe.PathAndQuery, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        await using var db = await Db();
        Assert.Empty(await db.Followers.ToListAsync()); // the address is gone with its subscription
        await PostAsync(Ledgers.Charge(_projectId, 4_000, "c2", Now()));
        Assert.Single(await _site.Services.GetRequiredService<RunwayWatcher>().CheckAsync());
        await SendDueAsync();
        await Task.Delay(300);
        Assert.Equal(2, _smtp.Received.Count);
    }

    [Fact]
    public async Task Follow_NotConfirmed_GetsNoAlert()
    {
        await _site.Services.GetRequiredService<RunwayWatcher>().CheckAsync();
        await FollowAsync("quiet@example.org");
        await SendDueAsync();
        await _smtp.WaitForAsync(1);

        await PostAsync(Ledgers.Donation(_projectId, 10_000, "d1", Now()));
        await PostAsync(Ledgers.Charge(_projectId, 5_000, "c1", Now()));
        Assert.Single(await _site.Services.GetRequiredService<RunwayWatcher>().CheckAsync());
        await SendDueAsync();
        await Task.Delay(300);

        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task Unsubscribe_FromTheLinkInTheBody_ShowsAButtonThatDeletesTheAddress()
    {
        await FollowAsync("leaving@example.org");
        await SendDueAsync();
        var stop = Regex.Match((await _smtp.WaitForAsync(1))[0].TextBody!, "Stop: (\\S+)").Groups[1].Value;

        var page = await _visitor.GetStringAsync(new Uri(stop).PathAndQuery);
        var unknownLink = await _visitor.GetStringAsync("/unsubscribe/not-a-token");
        var left = await _visitor.PostAsync(new Uri(stop).PathAndQuery + "/one-click", new FormUrlEncodedContent([]));
        var again = await _visitor.GetStringAsync(new Uri(stop).PathAndQuery);

        Assert.Contains("Stop following App?", page);
        Assert.Contains("data-testid=\"follow-unknown\"", unknownLink);
        Assert.Equal("/p/app/follow?done=unsubscribed", left.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"follow-unknown\"", again);
        await using var db = await Db();
        Assert.Empty(await db.Followers.ToListAsync());
    }

    [Fact]
    public async Task Follow_WithoutTheFormsToken_IsRefused()
    {
        var forged = await _visitor.PostAsync("/p/app/followers", new FormUrlEncodedContent([new("Email", "a@example.org"), new("Runway", "on")]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await using var db = await Db();
        Assert.Empty(await db.Followers.ToListAsync());
    }

    [Fact]
    public async Task Follow_NotAnAddress_SaysSoAndStoresNothing()
    {
        var refused = await FollowAsync("not an address");
        var page = await _visitor.GetStringAsync(refused.Headers.Location!.OriginalString);

        Assert.Equal("/p/app/follow?error=email", refused.Headers.Location!.OriginalString);
        Assert.Contains("data-testid=\"follow-error\"", page);
        await using var db = await Db();
        Assert.Empty(await db.Followers.ToListAsync());
    }

    [Fact]
    public async Task FollowPage_NeverShowsAnAddress_AndTheProjectPageLinksToIt()
    {
        await FollowAsync("private@example.org");

        var followPage = await _visitor.GetStringAsync("/p/app/follow");
        var projectPage = await _visitor.GetStringAsync("/p/app");
        var feed = await _visitor.GetStringAsync("/p/app/updates.atom");

        Assert.DoesNotContain("private@example.org", followPage + projectPage + feed);
        Assert.Contains("href=\"/p/app/follow\"", projectPage);
    }

    private async Task<HttpResponseMessage> FollowAsync(string email)
    {
        var page = await _visitor.GetStringAsync("/p/app/follow");
        var token = TokenField().Match(page).Groups[1].Value;
        return await _visitor.PostAsync("/p/app/followers", new FormUrlEncodedContent(
        [
            new("Email", email), new("Runway", "on"), new("Updates", "on"), new("__RequestVerificationToken", token),
        ]));
    }

    private static void AssertUnsubscribeHeaders(MimeKit.MimeMessage message)
    {
        Assert.Matches("^<https://crowdsite\\.test/unsubscribe/[A-Za-z0-9_-]{43}/one-click>$", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    private Task<int> SendDueAsync() => _site.Services.GetRequiredService<OutboxDelivery>().SendDueAsync();

    private Task<PostingResult> PostAsync(Posting posting) => _site.Services.GetRequiredService<LedgerService>().PostAsync(posting);

    private DateTime Now() => _site.Time.GetUtcNow().UtcDateTime;

    [GeneratedRegex("https://crowdsite\\.test/follow/confirm/[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
