using CrowdSite.Data;
using CrowdSite.Features.Live;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>
/// Changes how a gift appears in public (issue 15, part 3), from its receipt link or from the signed-in donor's /me.
/// Only the donation rows change, never money: nothing is posted to the ledger, whose lines carry no names. A gift of
/// a monthly pledge changes with its pledge and every payment of it, so one person shows one way and the next
/// payments follow.
/// </summary>
public sealed class DonorPrivacyService(IDbContextFactory<CrowdSiteDbContext> dbFactory, ILiveUpdates live)
{
    /// <summary>By the receipt's secret: the token grants rights to its own gift (and its pledge) only.</summary>
    public async Task<PrivacyChange> ChangeByReceiptAsync(string token, DonorVisibility visibility, string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return new PrivacyChange(false);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(d => d.ReceiptToken == token, ct);
        return await ChangeAsync(db, donation, visibility, name, ct);
    }

    /// <summary>For the signed-in donor: <paramref name="donorId"/> comes from the session, and the gift must be theirs.</summary>
    public async Task<PrivacyChange> ChangeForDonorAsync(int donationId, string donorId, DonorVisibility visibility, string? name, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(donorId))
        {
            return new PrivacyChange(false);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donation = await db.Donations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == donationId && d.DonorId == donorId, ct);
        return await ChangeAsync(db, donation, visibility, name, ct);
    }

    private async Task<PrivacyChange> ChangeAsync(CrowdSiteDbContext db, Donation? donation, DonorVisibility visibility, string? name, CancellationToken ct)
    {
        if (donation is null)
        {
            return new PrivacyChange(false);
        }

        if (!Enum.IsDefined(visibility))
        {
            return new PrivacyChange(true, "Choose how the gift appears.");
        }

        var cleaned = string.IsNullOrWhiteSpace(name) ? null : name.Trim();
        if (DonorVisibilities.Error(visibility, cleaned) is { } error)
        {
            return new PrivacyChange(true, error);
        }

        if (cleaned is { Length: > 100 })
        {
            return new PrivacyChange(true, "A public name is at most 100 characters.");
        }

        var (stored, publicName) = DonorVisibilities.Resolve(visibility, cleaned);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var pledgeId = donation.PledgeId;
        await db.Donations.Where(d => d.Id == donation.Id || (pledgeId != null && d.PledgeId == pledgeId))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Visibility, stored).SetProperty(d => d.PublicName, publicName), ct);
        if (pledgeId is not null)
        {
            await db.Pledges.Where(p => p.Id == pledgeId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Visibility, stored).SetProperty(p => p.PublicName, publicName), ct);
        }

        await tx.CommitAsync(ct);
        // The backers list and counts (the project's page, the pot's donors) follow the change at once.
        live.Publish(LiveTopic.Project(donation.ProjectId));
        live.Publish(LiveTopic.Platform);
        return new PrivacyChange(true);
    }
}
