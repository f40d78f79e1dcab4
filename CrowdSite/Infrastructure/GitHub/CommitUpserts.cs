using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>
/// Adds the commits a repository does not have yet. A push and a deployment status naming the same new commit
/// arrive at once: the loser of that race hits the (Repository, Sha) unique index, reads again and adds only
/// what is still missing, instead of failing the delivery (GitHub does not resend it).
/// </summary>
public static class CommitUpserts
{
    private const int Attempts = 5;

    /// <summary>Returns how many of <paramref name="commits"/> this call added.</summary>
    public static async Task<int> AddMissingAsync(
        IDbContextFactory<CrowdSiteDbContext> dbFactory, string repository, IReadOnlyList<Commit> commits, CancellationToken ct)
    {
        var wanted = commits.Where(c => c.Repository == repository).DistinctBy(c => c.Sha).ToList();
        var shas = wanted.Select(c => c.Sha).ToList();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var known = (await db.Commits.Where(c => c.Repository == repository && shas.Contains(c.Sha)).Select(c => c.Sha).ToListAsync(ct)).ToHashSet();
            var missing = wanted.Where(c => !known.Contains(c.Sha)).ToList();
            if (missing.Count == 0)
            {
                return 0;
            }

            db.Commits.AddRange(missing.Select(c => new Commit
            {
                Repository = repository, Sha = c.Sha, Message = c.Message, Author = c.Author, CommittedAt = c.CommittedAt,
            }));
            try
            {
                await db.SaveChangesAsync(ct);
                return missing.Count;
            }
            catch (DbUpdateException) when (attempt < Attempts)
            {
                // Another delivery added one of them first: read again.
            }
        }
    }
}
