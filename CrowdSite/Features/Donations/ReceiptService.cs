using CrowdSite.Data;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

public sealed record Receipt(Donation Donation, Project Project, Pledge? Pledge);

/// <summary>Private receipts by unguessable link, and the simulated mode's later events (renewal, refund, cancel).</summary>
public sealed class ReceiptService(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, PaymentEventHandler handler, IPaymentGateway gateway, IOptions<DonationOptions> options)
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

    /// <summary>A signed-in donor's gifts, newest first, and their pledges.</summary>
    public async Task<(IReadOnlyList<(Donation Donation, Project Project)> Donations, IReadOnlyList<(Pledge Pledge, Project Project, string? Token)> Pledges)>
        ForDonorAsync(string donorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var donations = await db.Donations.AsNoTracking().Where(d => d.DonorId == donorId).OrderByDescending(d => d.Id).Take(200).ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Where(p => p.DonorId == donorId).OrderByDescending(p => p.Id).ToListAsync(ct);
        var projectIds = donations.Select(d => d.ProjectId).Concat(pledges.Select(p => p.ProjectId)).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        // Each pledge is managed from the receipt of its first payment.
        var firstReceipts = donations.Where(d => d.PledgeId != null).GroupBy(d => d.PledgeId!.Value).ToDictionary(g => g.Key, g => g.MinBy(d => d.Id)!.ReceiptToken);
        return (donations.Select(d => (d, projects[d.ProjectId])).ToList(),
            pledges.Select(p => (p, projects[p.ProjectId], firstReceipts.GetValueOrDefault(p.Id))).ToList());
    }

    /// <summary>
    /// Stripe's customer portal for one of the signed-in donor's live pledges. Null when the pledge is not
    /// theirs (checked here, not by hiding buttons) or is managed on this site.
    /// </summary>
    public async Task<string?> PortalForAsync(int pledgeId, string donorId, Uri returnUrl, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pledge = await db.Pledges.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pledgeId && p.DonorId == donorId, ct);
        return pledge is { Simulated: false, StripeCustomerId: { } customer } ? await gateway.CreatePortalAsync(customer, returnUrl, ct) : null;
    }

    /// <summary>The receipt token of the donation a Stripe Checkout session paid for, once its webhook arrived.</summary>
    public async Task<string?> TokenForSessionAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Donations.Where(d => d.StripeCheckoutSessionId == sessionId).Select(d => d.ReceiptToken).FirstOrDefaultAsync(ct);
    }

    /// <summary>Simulates next month's charge of a simulated pledge. Returns the new donation's receipt token.</summary>
    public async Task<string?> SimulateRenewalAsync(string token, CancellationToken ct = default)
    {
        if (await SimulatedPledgeAsync(token, ct) is not { } pledge || pledge.Status != PledgeStatus.Active)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payments = await db.Donations.CountAsync(d => d.StripeSubscriptionId == pledge.StripeSubscriptionId, ct);
        var invoice = $"{pledge.StripeSubscriptionId!.Replace(Sim("sub", ""), Sim("in", ""))}_{payments + 1}";
        var fee = DonationMath.Fee(pledge.MonthlyAmount, options.Value.Fees);
        var (_, donation) = await handler.HandleAsync(
            new RenewalPaid(Sim("evt", invoice), pledge.StripeSubscriptionId!, invoice, pledge.MonthlyAmount, fee, Sim("pi", invoice)), ct);
        return donation?.ReceiptToken;
    }

    public async Task<bool> SimulateRefundAsync(string token, CancellationToken ct = default)
    {
        if (!gateway.IsSimulated || await FindAsync(token, ct) is not { } receipt || receipt.Donation.StripePaymentIntentId is not { } pi
            || !SimulatedPaymentGateway.IsSimulatedId(pi))
        {
            return false;
        }

        var outcome = await handler.HandleAsync(new PaymentReversed(Sim("evt", $"re_{pi}"), pi, Sim("re", pi), Dispute: false), ct);
        return outcome.Outcome is PaymentOutcome.Recorded or PaymentOutcome.AlreadyRecorded;
    }

    public async Task<bool> CancelSimulatedPledgeAsync(string token, CancellationToken ct = default)
    {
        if (await SimulatedPledgeAsync(token, ct) is not { } pledge)
        {
            return false;
        }

        await handler.HandleAsync(new PledgeEnded(Sim("evt", $"end_{pledge.StripeSubscriptionId}"), pledge.StripeSubscriptionId!), ct);
        return true;
    }

    private static string Sim(string kind, string rest) => SimulatedPaymentGateway.Id(kind, rest);

    private async Task<Pledge?> SimulatedPledgeAsync(string token, CancellationToken ct) =>
        gateway.IsSimulated && await FindAsync(token, ct) is { Pledge: { Simulated: true, StripeSubscriptionId: not null } pledge } ? pledge : null;
}
