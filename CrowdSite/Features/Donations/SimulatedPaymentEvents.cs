using CrowdSite.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>
/// The simulated mode's later events, started from a receipt (next month's renewal, a refund, a cancelled pledge): the
/// events Stripe would send, through the same handler.
/// </summary>
public sealed class SimulatedPaymentEvents(
    IDbContextFactory<CrowdSiteDbContext> dbFactory, ReceiptService receipts, PaymentEventHandler handler, IPaymentGateway gateway,
    IOptions<DonationOptions> options)
{
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
        if (!gateway.IsSimulated || await receipts.FindAsync(token, ct) is not { } receipt || receipt.Donation.StripePaymentIntentId is not { } pi
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
        gateway.IsSimulated && await receipts.FindAsync(token, ct) is { Pledge: { Simulated: true, StripeSubscriptionId: not null } pledge } ? pledge : null;
}
