using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Maintainers;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Data.Demo;

/// <summary>
/// Seeds the offline demo once: projects on real repositories, a year of deployments, daily charges
/// and donations. Money goes through <see cref="LedgerService"/> like every other path, so the books balance.
/// </summary>
public sealed class DemoSeeder(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    LedgerService ledger,
    CrowdSite.Features.FreeTier.PotAllocation allocation,
    TimeProvider time,
    IOptions<PlatformOptions> platform,
    IOptions<FundingOptions> funding,
    ILogger<DemoSeeder> logger)
{
    internal const int HistoryDays = 365;
    private const int SeedVersion = 1;
    private const int BatchSize = 2_000;

    public async Task SeedOnceAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.DemoSeedMarkers.AnyAsync(ct))
            {
                return;
            }
        }

        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        var postings = await ProjectsWithHistoryAsync(now.Date.AddDays(-HistoryDays), now, ct);

        // Chronological order keeps every entry's running balance in time order too.
        foreach (var batch in postings.OrderBy(p => p.At).ThenBy(p => p.IdempotencyKey, StringComparer.Ordinal).Chunk(BatchSize))
        {
            await ledger.PostBatchAsync(batch, ct);
        }

        // The pot at work: the last closed months allocated to the free tier, through the operators' own code.
        var thisMonth = CrowdSite.Features.FreeTier.PotAllocation.FirstOfMonth(time.UtcToday());
        for (var back = 3; back >= 1; back--)
        {
            await allocation.AllocateAsync(thisMonth.AddMonths(-back), ct);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.DemoSeedMarkers.Add(new DemoSeedMarker { SeededAt = now, Version = SeedVersion });
            await db.SaveChangesAsync(ct);
        }

        logger.LogInformation("Seeded the demo: {Count} ledger transactions in {Elapsed}", postings.Count, stopwatch.Elapsed);
    }

    /// <summary>Sets up each demo project with its usage, and gives the postings of its history (not posted yet).</summary>
    private async Task<List<Posting>> ProjectsWithHistoryAsync(DateTime start, DateTime now, CancellationToken ct)
    {
        var options = platform.Value;
        var commits = DemoCommits.Load();
        var postings = new List<Posting>();
        foreach (var spec in DemoProjects.All(options.Repository).DistinctBy(s => s.Repository, StringComparer.OrdinalIgnoreCase))
        {
            var setup = await EnsureProjectAsync(spec, commits.GetValueOrDefault(spec.Repository) ?? [], start, options.Currency, ct);
            await SeedUsageAsync(spec.Slug, setup.Project.Id, start, now, ct);
            postings.AddRange(new DemoHistory(spec, setup, start, now, options, funding.Value.TypicalIncomeMonths).Build());
        }

        return postings;
    }

    /// <summary>A year of usage figures (not money: written directly), once per project (found again after a crash).</summary>
    private async Task SeedUsageAsync(string slug, int projectId, DateTime start, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.ProjectMetrics.AnyAsync(m => m.ProjectId == projectId, ct))
        {
            return;
        }

        db.ProjectMetrics.AddRange(DemoUsage.Build(slug, projectId, start, now));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The project with its deployments and pledges, created on first run (and found again after a crash).</summary>
    private async Task<DemoSetup> EnsureProjectAsync(
        DemoProject spec, IReadOnlyList<DemoCommit> commits, DateTime start, string currency, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.Projects.FindBySlugAsync(spec.Slug, ct);
        if (project is null)
        {
            project = new Project
            {
                Slug = spec.Slug, Name = spec.Name, Repository = spec.Repository, Tagline = spec.Tagline,
                Category = spec.Category, Status = spec.Status, Description = spec.Description.Trim(),
                Currency = currency, CreatedAt = start, WebsiteUrl = spec.WebsiteUrl,
            };
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Projects.Add(project);
            await db.SaveChangesAsync(ct);
            db.Deployments.AddRange(PlanDeployments(project, commits, start));
            db.Pledges.AddRange(spec.Pledges.Select((p, i) => new Pledge
            {
                ProjectId = project.Id, MonthlyAmount = p.Monthly, Currency = currency, PublicName = p.PublicName,
                Visibility = p.PublicName is null ? DonorVisibility.Anonymous : DonorVisibility.NameAndAmount,
                Status = p.EndDay is null ? PledgeStatus.Active : PledgeStatus.Ended,
                StartedAt = start.AddDays(p.StartDay), EndedAt = p.EndDay is { } end ? start.AddDays(end) : null,
                StripeSubscriptionId = $"demo_sub_{spec.Slug}_{i}",
            }));
            // The development sign-in's demo maintainer looks after every demo project.
            db.ProjectMaintainers.Add(new ProjectMaintainer { ProjectId = project.Id, GitHubUserId = CrowdSite.Features.SignIn.DevelopmentSignIn.DemoMaintainerId, AddedAt = start });
            // ...and gets its runway alerts, as a maintainer does by default (offline, they land at /dev/mail).
            await CrowdSite.Features.Alerts.MaintainerAlerts.FollowAsync(db, project.Id, CrowdSite.Features.SignIn.DevelopmentSignIn.DemoMaintainerEmail, start, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        var deployments = await db.Deployments.Include(d => d.Commit).Where(d => d.ProjectId == project.Id)
            .OrderBy(d => d.StartedAt).ToListAsync(ct);
        var pledges = await db.Pledges.Where(p => p.ProjectId == project.Id).OrderBy(p => p.Id).ToListAsync(ct);
        return new DemoSetup(project, deployments, pledges);
    }

    /// <summary>Up to 24 deployments spread over the year, each of a commit that existed by then.</summary>
    private static IEnumerable<Deployment> PlanDeployments(Project project, IReadOnlyList<DemoCommit> commits, DateTime start)
    {
        var chosen = commits.TakeLast(24).ToList();
        var previous = DateTime.MinValue;
        var planned = new List<(DemoCommit Commit, DateTime StartedAt)>();
        for (var i = 0; i < chosen.Count; i++)
        {
            var slot = start.AddDays((double)HistoryDays * i / chosen.Count);
            var startedAt = Max(slot, chosen[i].CommittedAt.UtcDateTime.AddHours(1));
            if (startedAt > previous && startedAt < start.AddDays(HistoryDays))
            {
                planned.Add((chosen[i], startedAt));
                previous = startedAt;
            }
        }

        for (var i = 0; i < planned.Count; i++)
        {
            var (commit, startedAt) = planned[i];
            yield return new Deployment
            {
                ProjectId = project.Id,
                Commit = new Commit
                {
                    Repository = project.Repository, Sha = commit.Sha, Message = commit.Message,
                    Author = commit.Author, CommittedAt = commit.CommittedAt.UtcDateTime,
                },
                StartedAt = startedAt,
                EndedAt = i + 1 < planned.Count ? planned[i + 1].StartedAt : null,
            };
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
