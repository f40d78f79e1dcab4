using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdSite.Features.Donations;

/// <summary>Private receipts by unguessable link, and the link a Stripe Checkout session's return page waits for.</summary>
public sealed class ReceiptService(IDbContextFactory<CrowdSiteDbContext> dbFactory)
{
    public async Task<Receipt?> FindAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donation = await db.Donations.AsNoTracking().Include(d => d.Pledge).FirstOrDefaultAsync(d => d.ReceiptToken == token, ct);
        if (donation is null)
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(p => p.Id == donation.ProjectId, ct);
        var pledge = donation.Pledge ?? (donation.StripeSubscriptionId is { } sub
            ? await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.StripeSubscriptionId == sub, ct)
            : null);
        return new Receipt(donation, project, pledge);
    }

    /// <summary>The receipt token of the donation a Stripe Checkout session paid for, once its webhook arrived.</summary>
    public async Task<string?> TokenForSessionAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Donations.Where(d => d.StripeCheckoutSessionId == sessionId).Select(d => d.ReceiptToken).FirstOrDefaultAsync(ct);
    }
}
