using CrowdSite.Infrastructure.Stripe;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Donations;

public static class DonationsFeature
{
    /// <summary>Donations: Stripe Checkout when Stripe:SecretKey is set, the clearly labelled simulated checkout otherwise.</summary>
    public static WebApplicationBuilder AddDonations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DonationOptions>().BindConfiguration(DonationOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinimumAmount <= o.MaximumAmount, "Donations:MinimumAmount must not exceed Donations:MaximumAmount.")
            // The binder appends an array's configured items to its defaults: configured presets replace them instead.
            .PostConfigure<IConfiguration>((o, config) =>
                o.Presets = config.GetSection($"{DonationOptions.Section}:{nameof(DonationOptions.Presets)}").Get<long[]>() is { Length: > 0 } presets ? presets : o.Presets)
            .ValidateOnStart();
        builder.Services.AddOptions<StripeOptions>().BindConfiguration(StripeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StripeOptions>, StripeOptionsValidator>();
        builder.Services.AddSingleton<PaidGiftRecorder>();
        builder.Services.AddSingleton<CheckoutPayments>();
        builder.Services.AddSingleton<RenewalPayments>();
        builder.Services.AddSingleton<PaymentReversals>();
        builder.Services.AddSingleton<PledgeChanges>();
        builder.Services.AddSingleton<PaymentEventHandler>();
        builder.Services.AddSingleton<DonationService>();
        builder.Services.AddSingleton<ReceiptService>();
        builder.Services.AddSingleton<MyDonationsService>();
        builder.Services.AddSingleton<SimulatedPaymentEvents>();
        builder.Services.AddSingleton<DonorPrivacyService>();

        // Chosen when first needed, from the bound options: Stripe when a secret key is set, simulated otherwise.
        builder.Services.AddSingleton(sp => StripeClientFactory.Create(sp.GetRequiredService<IOptions<StripeOptions>>()));
        builder.Services.AddSingleton<StripeFees>();
        builder.Services.AddSingleton<StripeEventMapper>();
        builder.Services.AddSingleton<StripePayments>();
        builder.Services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value.IsLive
            ? ActivatorUtilities.CreateInstance<StripePaymentGateway>(sp)
            : new SimulatedPaymentGateway());

        return builder;
    }

    public static void LogPaymentMode(this WebApplication app)
    {
        var simulated = app.Services.GetRequiredService<IPaymentGateway>().IsSimulated;
        if (simulated)
        {
            app.Logger.LogInformation("Payments: SIMULATED (no Stripe:SecretKey configured). No money moves; checkouts are labelled as simulated.");
        }
        else
        {
            app.Logger.LogInformation("Payments: live through Stripe Checkout.");
        }
    }
}
