using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Donations;

/// <summary>
/// The offline mode's checkout: a page on this site, clearly labelled as simulated, whose "pay" button
/// produces the same payment event Stripe's webhook would.
/// </summary>
public sealed class SimulatedPaymentGateway : IPaymentGateway
{
    /// <summary>Starts every processor id the simulated checkout makes up, so simulated money is known by its ids alone.</summary>
    private const string Marker = "sim_";

    public bool IsSimulated => true;

    /// <summary>A made-up processor id of the given kind, as Stripe's look: <c>sim_pi_…</c>, <c>sim_evt_…</c>.</summary>
    public static string Id(string kind, string rest) => $"{Marker}{kind}_{rest}";

    /// <summary>Whether a processor id was made up by the simulated checkout (never true of Stripe's).</summary>
    public static bool IsSimulatedId(string? id) => id?.StartsWith(Marker, StringComparison.Ordinal) == true;

    public Task<CheckoutSession> CreateCheckoutAsync(CheckoutIntent intent, Project project, Uri siteBase, CancellationToken ct) =>
        Task.FromResult(new CheckoutSession(new Uri(siteBase, $"checkout/simulated/{intent.Id}").ToString(), null));

    public Task<string?> CreatePortalAsync(string customerId, Uri returnUrl, CancellationToken ct) => Task.FromResult<string?>(null);
}
