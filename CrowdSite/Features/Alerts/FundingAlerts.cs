using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Alerts;

/// <summary>A project's recorded funding alerts (public: the feed carries them), and how they read.</summary>
public sealed class FundingAlerts(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FundingAlert>> ForProjectAsync(int projectId, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FundingAlerts.AsNoTracking().Where(a => a.ProjectId == projectId)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(take).ToListAsync(ct);
    }

    public static string Title(string project, FundingAlert alert) => alert.Kind == FundingAlertKind.Sustainable
        ? $"{project} is sustainable"
        : $"{project}: runway under {alert.Threshold} days";

    public static string Text(string project, FundingAlert alert) => alert.Kind == FundingAlertKind.Sustainable
        ? $"{project} is sustainable: its income now covers its computing costs, so its balance no longer runs down."
        : $"{project} has money for about {alert.RunwayDays} days at its current costs and income: under {alert.Threshold} days.";
}
