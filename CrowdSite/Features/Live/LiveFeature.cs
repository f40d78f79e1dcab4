namespace CrowdSite.Features.Live;

public static class LiveFeature
{
    public static WebApplicationBuilder AddLive(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InProcessLiveUpdates>();
        builder.Services.AddSingleton<ILiveUpdates>(sp => sp.GetRequiredService<InProcessLiveUpdates>());
        builder.Services.AddScoped<LiveCircuit>();
        builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler>(sp => sp.GetRequiredService<LiveCircuit>());
        return builder;
    }
}
