using CrowdSite.Features.Donations;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Metering.CloudFoundry;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrowdSite.Data;

/// <summary>The books' model, whatever the engine: <see cref="SqliteDbContext"/> or <see cref="PostgresDbContext"/> is what runs.</summary>
public abstract class CrowdSiteDbContext(DbContextOptions options) : DbContext(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core's data-protection keys (cookies, antiforgery): in the shared database, so every instance reads what another wrote.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys => Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Commit> Commits => Set<Commit>();
    public DbSet<Deployment> Deployments => Set<Deployment>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<Donation> Donations => Set<Donation>();
    public DbSet<Pledge> Pledges => Set<Pledge>();
    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<AccountBalance> AccountBalances => Set<AccountBalance>();
    public DbSet<ProjectDay> ProjectDays => Set<ProjectDay>();
    public DbSet<ProjectResourceDay> ProjectResourceDays => Set<ProjectResourceDay>();
    public DbSet<DemoSeedMarker> DemoSeedMarkers => Set<DemoSeedMarker>();
    public DbSet<CheckoutIntent> CheckoutIntents => Set<CheckoutIntent>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<CrowdSite.Features.FreeTier.PotGrant> PotGrants => Set<CrowdSite.Features.FreeTier.PotGrant>();
    public DbSet<CrowdSite.Features.FreeTier.FreeTierApplication> FreeTierApplications => Set<CrowdSite.Features.FreeTier.FreeTierApplication>();
    public DbSet<CrowdSite.Features.Maintainers.ProjectMaintainer> ProjectMaintainers => Set<CrowdSite.Features.Maintainers.ProjectMaintainer>();
    public DbSet<CrowdSite.Features.Maintainers.ProjectUpdate> ProjectUpdates => Set<CrowdSite.Features.Maintainers.ProjectUpdate>();
    public DbSet<CloudFoundryApp> CloudFoundryApps => Set<CloudFoundryApp>();
    public DbSet<CloudFoundryRun> CloudFoundryRuns => Set<CloudFoundryRun>();
    public DbSet<CloudFoundryEvent> CloudFoundryEvents => Set<CloudFoundryEvent>();
    public DbSet<CrowdSite.Infrastructure.GitHub.GitHubDelivery> GitHubDeliveries => Set<CrowdSite.Infrastructure.GitHub.GitHubDelivery>();
    public DbSet<CrowdSite.Features.SignIn.SignInSession> SignInSessions => Set<CrowdSite.Features.SignIn.SignInSession>();
    public DbSet<CrowdSite.Features.Ledger.Seals.DaySeal> DaySeals => Set<CrowdSite.Features.Ledger.Seals.DaySeal>();
    public DbSet<ProjectMetric> ProjectMetrics => Set<ProjectMetric>();
    public DbSet<CrowdSite.Features.Alerts.Follower> Followers => Set<CrowdSite.Features.Alerts.Follower>();
    public DbSet<CrowdSite.Features.Alerts.FundingAlert> FundingAlerts => Set<CrowdSite.Features.Alerts.FundingAlert>();
    public DbSet<CrowdSite.Features.Alerts.RunwayWatch> RunwayWatches => Set<CrowdSite.Features.Alerts.RunwayWatch>();
    public DbSet<CrowdSite.Features.Alerts.OutboxMessage> OutboxMessages => Set<CrowdSite.Features.Alerts.OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrowdSiteDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums as their names: the database stays readable and reordering an enum is harmless.
        configurationBuilder.Properties<LedgerKind>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<ProjectStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DonationStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<PledgeStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<CheckoutStatus>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<DonorVisibility>().HaveConversion<string>().HaveMaxLength(32);
        // Every instant is UTC; SQLite forgets the kind, so restore it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseLedgerEdits();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseLedgerEdits();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The ledger is append-only: corrections are reversal entries. (Database triggers back this up.)</summary>
    private void RefuseLedgerEdits()
    {
        var edited = ChangeTracker.Entries()
            .Where(e => e.Entity is LedgerEntry or LedgerTransaction or CrowdSite.Features.Ledger.Seals.DaySeal)
            .FirstOrDefault(e => e.State is EntityState.Modified or EntityState.Deleted);
        if (edited is not null)
        {
            throw new LedgerAppendOnlyException(
                $"Ledger {edited.Entity.GetType().Name} rows are append-only; post a reversal instead of {edited.State.ToString().ToLowerInvariant()} one.");
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
