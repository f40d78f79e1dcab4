namespace CrowdSite.Features.Live;

public static class LiveFeature
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InProcessLiveUpdates>();
        builder.Services.AddSingleton<WritesInFlight>();
        // On PostgreSQL several instances share the database, and they hear each other's changes through it.
        // Decided when first resolved, so a host (or test) may set Database:Provider late.
        builder.Services.AddSingleton(sp => new PostgresLiveUpdates(sp.GetRequiredService<InProcessLiveUpdates>(),
            sp.GetRequiredService<IConfiguration>().GetConnectionString(Data.DataServiceExtensions.ConnectionStringName)!,
            sp.GetRequiredService<ILogger<PostgresLiveUpdates>>()));
        builder.Services.AddSingleton<ILiveUpdates>(sp => OnPostgres(sp)
            ? sp.GetRequiredService<PostgresLiveUpdates>()
            : sp.GetRequiredService<InProcessLiveUpdates>());
        builder.Services.AddHostedService<Backplane>();
        builder.Services.AddScoped<LiveCircuit>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<LiveCircuit>());
        return builder;
    }

    /// <summary>Counts the requests that may write, so live fan-out can step aside for them (<see cref="WritesInFlight"/>).</summary>
    public static IApplicationBuilder UseWritesInFlight(this IApplicationBuilder app)
    {
        var writes = app.ApplicationServices.GetRequiredService<WritesInFlight>();
        return app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
            {
                await next(context);
                return;
            }

            using (writes.Enter())
            {
                await next(context);
            }
        });
    }

    private static bool OnPostgres(IServiceProvider sp) =>
        Data.DatabaseOptions.ProviderIn(sp.GetRequiredService<IConfiguration>()) == Data.DatabaseProvider.Postgres;

    /// <summary>Runs the PostgreSQL backplane's listener and sender on PostgreSQL; nothing on SQLite.</summary>
    private sealed class Backplane(IServiceProvider services) : IHostedService
    {
        private PostgresLiveUpdates? _running;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _running = OnPostgres(services) ? services.GetRequiredService<PostgresLiveUpdates>() : null;
            return _running?.StartAsync(cancellationToken) ?? Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => _running?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }
}
