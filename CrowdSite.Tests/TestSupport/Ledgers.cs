using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;

namespace CrowdSite.Tests.TestSupport;

/// <summary>Small builders for hand-made histories.</summary>
public static class Ledgers
{
    public static async Task<Project> AddProjectAsync(this TestDatabase database, string slug = "demo", string repository = "octo/demo")
    {
        await using var db = database.CreateDbContext();
        var project = new Project { Slug = slug, Name = slug.ToUpperInvariant(), Repository = repository, Currency = "USD", CreatedAt = TestDatabase.Now.UtcDateTime };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    }

    public static async Task<Commit> AddCommitAsync(this TestDatabase database, string repository = "octo/demo", char fill = 'a')
    {
        await using var db = database.CreateDbContext();
        var commit = new Commit { Repository = repository, Sha = new string(fill, 40), Message = "Initial commit" };
        db.Commits.Add(commit);
        await db.SaveChangesAsync();
        return commit;
    }

    public static Posting Donation(int projectId, long gross, string key, DateTime? at = null, long fee = 0, long pot = 0, bool recurring = false) =>
        DonationPostings.Build(new ReceivedGift(projectId, "Demo", gross, fee, pot, "USD", recurring), key, at, attach: null);

    public static Posting Charge(int projectId, long amount, string key, DateTime? at = null, int? commitId = null, string resource = "compute") => new()
    {
        IdempotencyKey = key,
        Kind = LedgerKind.Charge,
        Currency = "USD",
        Description = "Compute",
        ProjectId = projectId,
        CommitId = commitId,
        Resource = resource,
        At = at,
        Lines = [new(Accounts.Project(projectId), LedgerKind.Charge, -amount), new(Accounts.ComputeProvider, LedgerKind.Charge, amount)],
    };

    public static async Task AddPledgeAsync(this TestDatabase database, int projectId, long monthly, PledgeStatus status = PledgeStatus.Active)
    {
        await using var db = database.CreateDbContext();
        db.Pledges.Add(new Pledge { ProjectId = projectId, MonthlyAmount = monthly, Currency = "USD", Status = status, StartedAt = TestDatabase.Now.UtcDateTime.AddDays(-60) });
        await db.SaveChangesAsync();
    }

    public static DateTime DaysAgo(int days) => TestDatabase.Now.UtcDateTime.AddDays(-days);
}
