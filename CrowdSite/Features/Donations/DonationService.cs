using CrowdSite.Data;
using CrowdSite.Features.Platform;
using CrowdSite.Features.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

/// <summary>Starts donations (validation, quote, checkout) and completes simulated ones. The page and the API both call it.</summary>
public sealed class DonationService(
    IDbContextFactory<CrowdSiteDbContext> dbFactory,
    IPaymentGateway gateway,
    PaymentEventHandler handler,
    TimeProvider time,
    IOptions<DonationOptions> options,
    IOptions<PlatformOptions> platform)
{
    public DonationOptions Options => options.Value;
    public string Currency => platform.Value.Currency;
    public bool IsSimulated => gateway.IsSimulated;

    public DonationQuote Quote(long gift, bool coverFees, bool potOptIn) =>
        DonationRules.Quote(gift, coverFees, potOptIn, options.Value.Fees, platform.Value.PotPercent);

    public async Task<CheckoutStart> StartAsync(string slug, DonationRequest request, Uri siteBase, CancellationToken ct = default) =>
        await StartAsync(slug, request, siteBase, donorId: null, ct);

    /// <summary>Starts a donation; <paramref name="donorId"/> is the signed-in person's id, taken from the session, never from input.</summary>
    public async Task<CheckoutStart> StartAsync(string slug, DonationRequest request, Uri siteBase, string? donorId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var project = await db.ProjectBySlugAsync(slug, ct);
        if (project is null)
        {
            return new CheckoutStart(null, null, new Dictionary<string, string[]>(), ProjectFound: false);
        }

        var errors = DonationRules.Validate(request, Currency, options.Value);
        if (project.Status is ProjectStatus.Archived or ProjectStatus.Paused)
        {
            errors["project"] = [$"{project.Name} is {project.Status.ToString().ToLowerInvariant()} and does not take donations."];
        }

        if (errors.Count > 0)
        {
            return new CheckoutStart(null, null, errors);
        }

        var quote = Quote(request.Amount!.Value, request.CoverFees, request.PotOptIn);
        var (visibility, publicName) = DonorVisibilities.Resolve(request.Visibility, Clean(request.PublicName));
        var intent = new CheckoutIntent
        {
            Id = Guid.NewGuid(), ProjectId = project.Id, Gift = quote.Gift, Gross = quote.Gross, Currency = Currency,
            Recurring = request.Recurring, PotOptIn = request.PotOptIn, CoverFees = request.CoverFees,
            PublicName = publicName, Visibility = visibility, Message = Clean(request.Message), Status = CheckoutStatus.Open,
            Simulated = gateway.IsSimulated, CreatedAt = time.GetUtcNow().UtcDateTime, DonorId = donorId,
        };
        db.CheckoutIntents.Add(intent);
        await db.SaveChangesAsync(ct);
        var session = await gateway.CreateCheckoutAsync(intent, project, siteBase, ct);
        if (session.SessionId is not null)
        {
            intent.StripeSessionId = session.SessionId;
            await db.SaveChangesAsync(ct);
        }

        return new CheckoutStart(session.Url, intent.Id, errors);
    }

    public async Task<(CheckoutIntent Intent, Project Project)?> FindIntentAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var intent = await db.CheckoutIntents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return intent is null ? null : (intent, await db.Projects.AsNoTracking().FirstAsync(p => p.Id == intent.ProjectId, ct));
    }

    /// <summary>The simulated checkout's "pay": the event Stripe would send, through the same handler. Returns the receipt token.</summary>
    public async Task<string?> PaySimulatedAsync(Guid intentId, CancellationToken ct = default)
    {
        // Only while the site is in simulated mode: an old simulated intent must never write into live books.
        if (!gateway.IsSimulated)
        {
            return null;
        }

        CheckoutIntent? intent;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            intent = await db.CheckoutIntents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == intentId, ct);
        }

        if (intent is not { Simulated: true } || intent.Status == CheckoutStatus.Canceled)
        {
            return null;
        }

        var fee = DonationMath.Fee(intent.Gross, options.Value.Fees);
        var id = intent.Id.ToString("N");
        var (_, donation) = await handler.HandleAsync(new CheckoutPaid(
            Sim("evt", id), intent.Id, intent.Gross, fee, Sim("cs", id), Sim("pi", id),
            intent.Recurring ? Sim("sub", id) : null, intent.Recurring ? Sim("in", $"{id}_1") : null, null), ct);
        return donation?.ReceiptToken;
    }

    public async Task CancelSimulatedAsync(Guid intentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.CheckoutIntents.Where(i => i.Id == intentId && i.Simulated && i.Status == CheckoutStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, CheckoutStatus.Canceled), ct);
    }

    private static string Sim(string kind, string id) => SimulatedPaymentGateway.Id(kind, id);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
