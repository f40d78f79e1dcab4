using CrowdSite.Data;
using CrowdSite.Features.Maintainers;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Alerts;

/// <summary>
/// The queue of emails: written beside what they announce (never inside a ledger write), sent later by
/// <see cref="OutboxDelivery"/>. Keys make each message once per follower and event, whatever runs twice.
/// </summary>
public static class AlertOutbox
{
    public static string FundingAlertKey(int alertId, int followerId) => $"alert:{alertId}:{followerId}";

    public static string UpdateKey(int updateId, int followerId) => $"update:{updateId}:{followerId}";

    public static string ConfirmationKey(int followerId, int attempt) => $"confirm:{followerId}:{attempt}";

    /// <summary>One message per confirmed follower who wants runway alerts (the caller saves, in its transaction).</summary>
    public static async Task QueueFundingAlertAsync(CrowdSiteDbContext db, FundingAlert alert, DateTime now, CancellationToken ct)
    {
        var followers = await db.Followers.Where(f => f.ProjectId == alert.ProjectId && f.ConfirmedAt != null && f.RunwayAlerts)
            .Select(f => f.Id).ToListAsync(ct);
        await QueueAsync(db, followers, f => FundingAlertKey(alert.Id, f), OutboxKind.FundingAlert, alert.Id, null, now, ct);
    }

    /// <summary>One message per confirmed follower who wants updates (the caller saves, in its transaction).</summary>
    public static async Task QueueUpdateAsync(CrowdSiteDbContext db, ProjectUpdate update, DateTime now, CancellationToken ct)
    {
        var followers = await db.Followers.Where(f => f.ProjectId == update.ProjectId && f.ConfirmedAt != null && f.UpdateAlerts)
            .Select(f => f.Id).ToListAsync(ct);
        await QueueAsync(db, followers, f => UpdateKey(update.Id, f), OutboxKind.Update, null, update.Id, now, ct);
    }

    private static async Task QueueAsync(CrowdSiteDbContext db, List<int> followers, Func<int, string> keyOf, OutboxKind kind,
        int? alertId, int? updateId, DateTime now, CancellationToken ct)
    {
        var keys = followers.Select(keyOf).ToList();
        var queued = (await db.OutboxMessages.Where(m => keys.Contains(m.Key)).Select(m => m.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        queued.UnionWith(db.OutboxMessages.Local.Select(m => m.Key)); // queued by this context, not saved yet
        foreach (var follower in followers.Where(f => !queued.Contains(keyOf(f))))
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                Key = keyOf(follower), FollowerId = follower, Kind = kind, FundingAlertId = alertId, UpdateId = updateId,
                CreatedAt = now, NextAttemptAt = now,
            });
        }
    }
}
