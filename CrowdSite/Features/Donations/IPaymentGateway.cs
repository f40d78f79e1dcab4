using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Donations;

/// <summary>Where a donor pays: Stripe Checkout when keys are configured, the simulated checkout otherwise.</summary>
public interface IPaymentGateway
{
    bool IsSimulated { get; }

    /// <summary>Creates the processor's checkout for an intent: the URL to send the donor to, and the processor's id for it.</summary>
    Task<CheckoutSession> CreateCheckoutAsync(CheckoutIntent intent, Project project, Uri siteBase, CancellationToken ct);

    /// <summary>Where a donor manages a live pledge (Stripe's customer portal); null where pledges are managed on this site.</summary>
    Task<string?> CreatePortalAsync(string customerId, Uri returnUrl, CancellationToken ct);
}
