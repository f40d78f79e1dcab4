using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Commit = CrowdSite.Features.Projects.Commit;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>
/// Confirms that every commit a charge or deployment names exists in its project's public repository.
/// Found: message, author and date are stored and the commit is verified (never fetched again). Missing:
/// marked failed, which pages show as a warning. Rate limited: pauses until GitHub's reset. Transient
/// failures: that commit is retried later with exponential backoff, the others go on.
/// </summary>
public sealed class CommitVerifier(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    ICommitLookup lookup,
    TimeProvider time,
    IOptions<GitHubOptions> options,
    DatabaseLocks locks,
    ILogger<CommitVerifier> logger) : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);
    private readonly Dictionary<int, (int Attempts, DateTimeOffset NextAt)> _backoff = [];

    public async Task<VerificationPass> VerifyPendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (verified, missing, retrying) = (0, 0, 0);
        foreach (var commit in await PendingAsync(db, ct))
        {
            switch (await lookup.GetAsync(commit.Repository, commit.Sha, ct))
            {
                case CommitLookupResult.Found found:
                    MarkVerified(commit, found);
                    verified++;
                    break;
                case CommitLookupResult.Missing gone:
                    commit.VerificationFailedAt = time.GetUtcNow().UtcDateTime;
                    logger.LogWarning("Commit verification failed: {Reason}", gone.Reason);
                    missing++;
                    break;
                case CommitLookupResult.RateLimited limited:
                    await db.SaveChangesAsync(ct);
                    logger.LogInformation("GitHub rate limit reached; commit verification resumes at {Reset}", limited.ResetAt);
                    return new VerificationPass(verified, missing, retrying, limited.ResetAt);
                case CommitLookupResult.Transient transient:
                    BackOff(commit, transient);
                    retrying++;
                    break;
            }
        }

        await db.SaveChangesAsync(ct);
        return new VerificationPass(verified, missing, retrying, null);
    }

    /// <summary>Unverified commits that something was charged or deployed from, except those backing off.</summary>
    private Task<List<Commit>> PendingAsync(CrowdSiteDbContext db, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var waiting = _backoff.Where(b => b.Value.NextAt > now).Select(b => b.Key).ToList();
        return db.Commits
            .Where(c => c.VerifiedAt == null && c.VerificationFailedAt == null && !waiting.Contains(c.Id)
                && (db.Charges.Any(ch => ch.CommitId == c.Id) || db.Deployments.Any(d => d.CommitId == c.Id)))
            .OrderBy(c => c.Id).Take(BatchSize).ToListAsync(ct);
    }

    private void MarkVerified(Commit commit, CommitLookupResult.Found found)
    {
        commit.Message = Commit.Fit(found.Message, 1_000);
        commit.Author = found.Author is null ? commit.Author : Commit.Fit(found.Author, 200);
        commit.CommittedAt = found.CommittedAt?.UtcDateTime ?? commit.CommittedAt;
        commit.VerifiedAt = time.GetUtcNow().UtcDateTime;
        _backoff.Remove(commit.Id);
    }

    /// <summary>A failed lookup waits twice as long each time, up to <see cref="MaxBackoff"/>.</summary>
    private void BackOff(Commit commit, CommitLookupResult.Transient transient)
    {
        var attempts = _backoff.GetValueOrDefault(commit.Id).Attempts + 1;
        var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 30 * Math.Pow(2, attempts - 1)));
        _backoff[commit.Id] = (attempts, time.GetUtcNow() + delay);
        logger.LogInformation("Commit {Sha} lookup failed ({Reason}); retry in {Delay}", commit.Sha, transient.Reason, delay);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.VerificationEnabled)
        {
            logger.LogInformation("Commit verification is off (no GitHub:Token or GitHub:ClientId configured): commits show as not verified yet.");
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Idle;
            try
            {
                // One instance at a time asks GitHub (its rate limit is the platform's, not each instance's).
                await using var turn = await locks.TryAcquireAsync("commit-verification", stoppingToken);
                if (turn is null)
                {
                    await Task.Delay(Idle, time, stoppingToken);
                    continue;
                }

                var pass = await VerifyPendingAsync(stoppingToken);
                if (pass.PausedUntil is { } until)
                {
                    wait = until - time.GetUtcNow() + TimeSpan.FromSeconds(1);
                }
                else if (pass.Verified + pass.Missing == BatchSize)
                {
                    wait = TimeSpan.Zero; // more are waiting
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Commit verification pass failed; trying again later");
            }

            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(10), time, stoppingToken);
        }
    }

}
