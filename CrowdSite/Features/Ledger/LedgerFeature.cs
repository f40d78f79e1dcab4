namespace CrowdSite.Features.Ledger;

public static class LedgerFeature
{
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LedgerService>();
        builder.Services.AddSingleton<LedgerQueries>();
        builder.Services.AddOptions<FundingOptions>().BindConfiguration(FundingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FiguresService>();
        builder.Services.AddSingleton<SeriesService>();
        builder.Services.AddSingleton<BooksService>();
        builder.Services.AddSingleton<Seals.BookSeals>();
        builder.Services.AddHostedService<Seals.BookSealer>();
        return builder;
    }
}
