using CrowdSite.Data;
using CrowdSite.Features.Alerts;
using CrowdSite.Features.Platform;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrowdSite.Tests.Features.Alerts;

/// <summary>The outbox against a real SMTP server that refuses at first: retried with backoff, never sent twice.</summary>
public sealed class OutboxDeliveryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _projectId;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _projectId = (await _database.AddProjectAsync()).Id;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private OutboxDelivery Delivery(InProcessSmtp smtp)
    {
        var email = Options.Create(new EmailOptions
        {
            Smtp = { Host = "127.0.0.1", Port = smtp.Port, From = "CrowdSite <alerts@crowdsite.test>", Security = MailKit.Security.SecureSocketOptions.None },
        });
        var mail = new AlertMail(email, Options.Create(new PlatformOptions { PublicUrl = "https://crowdsite.test/" }), _database.Time);
        return new OutboxDelivery(_database, mail, new SmtpMailSender(email), new DatabaseLocks(_database), _database.Time, NullLogger<OutboxDelivery>.Instance);
    }

    private async Task QueueAlertAsync()
    {
        await using var db = _database.CreateDbContext();
        db.Followers.Add(new Follower { ProjectId = _projectId, Email = "f@example.org", Token = "token", RunwayAlerts = true, ConfirmedAt = TestDatabase.Now.UtcDateTime });
        var alert = new FundingAlert { ProjectId = _projectId, Kind = FundingAlertKind.RunwayBelow, Threshold = 30, RunwayDays = 21, At = TestDatabase.Now.UtcDateTime };
        db.FundingAlerts.Add(alert);
        await db.SaveChangesAsync();
        await AlertOutbox.QueueFundingAlertAsync(db, alert, TestDatabase.Now.UtcDateTime, default);
        await AlertOutbox.QueueFundingAlertAsync(db, alert, TestDatabase.Now.UtcDateTime, default); // a writer running twice
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task SendDue_ServerRefusesTwice_RetriesWithBackoffAndDeliversOnce()
    {
        await using var smtp = InProcessSmtp.Start(refuseFirst: 2);
        var delivery = Delivery(smtp);
        await QueueAlertAsync();

        var first = await delivery.SendDueAsync();
        var tooSoon = await delivery.SendDueAsync();
        _database.Time.Advance(OutboxDelivery.Backoff(1));
        var second = await delivery.SendDueAsync();
        _database.Time.Advance(OutboxDelivery.Backoff(2));
        var third = await delivery.SendDueAsync();
        _database.Time.Advance(TimeSpan.FromDays(1));
        var later = await Task.WhenAll(delivery.SendDueAsync(), delivery.SendDueAsync());

        Assert.Equal([0, 0, 0, 1, 0, 0], new[] { first, tooSoon, second, third, later[0], later[1] });
        Assert.Equal(3, smtp.Attempts);
        var message = Assert.Single(smtp.Received);
        Assert.Equal("DEMO: runway under 30 days", message.Subject);
        Assert.Equal("<https://crowdsite.test/unsubscribe/token/one-click>", message.Headers["List-Unsubscribe"]);
        await using var db = _database.CreateDbContext();
        var queued = await db.OutboxMessages.SingleAsync();
        Assert.Equal(3, queued.Attempts);
        Assert.NotNull(queued.SentAt);
    }

    [Fact]
    public async Task SendDue_TwoSendersAtOnceWithoutTheLock_DeliverOnce()
    {
        await using var smtp = InProcessSmtp.Start();
        await QueueAlertAsync();

        var sent = await Task.WhenAll(Delivery(smtp).SendDueAsync(), Delivery(smtp).SendDueAsync()); // each its own lock

        Assert.Equal(1, sent.Sum());
        Assert.Single(smtp.Received);
    }

    [Fact]
    public async Task SendDue_ServerAlwaysRefuses_GivesUpAfterMaxAttempts()
    {
        await using var smtp = InProcessSmtp.Start(refuseFirst: int.MaxValue);
        var delivery = Delivery(smtp);
        await QueueAlertAsync();

        for (var i = 0; i < OutboxDelivery.MaxAttempts + 3; i++)
        {
            await delivery.SendDueAsync();
            _database.Time.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(OutboxDelivery.MaxAttempts, smtp.Attempts);
        await using var db = _database.CreateDbContext();
        var queued = await db.OutboxMessages.SingleAsync();
        Assert.NotNull(queued.AbandonedAt);
        Assert.Null(queued.SentAt);
    }
}
