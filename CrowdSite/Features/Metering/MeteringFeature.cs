namespace CrowdSite.Features.Metering;

public static class MeteringFeature
{
    public static WebApplicationBuilder AddMetering(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MeteringOptions>().BindConfiguration(MeteringOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ApiKeyHashes.All(h => h.Length == 64 && h.All(char.IsAsciiHexDigit)),
                "Metering:ApiKeyHashes holds SHA-256 hashes: 64 hex characters each (never the keys themselves).")
            .ValidateOnStart();
        builder.Services.AddSingleton<PlatformKeys>();
        builder.Services.AddSingleton<UsageIngest>();
        builder.Services.AddSingleton<UsageCsvImport>();
        builder.Services.AddSingleton<DeploymentRecorder>();
        builder.Services.AddSingleton<MetricsIngest>();
        builder.Services.AddOptions<CloudFoundry.CloudFoundryOptions>().BindConfiguration(CloudFoundry.CloudFoundryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CloudFoundry.CloudFoundryImporter>();
        builder.Services.AddSingleton<CloudFoundry.CloudFoundryApps>();
        builder.Services.AddPlatformKeyRateLimit();
        return builder;
    }

    /// <summary>
    /// <c>dotnet run --project CrowdSite -- apikey create NAME</c>: prints a new platform key once and stores
    /// only its hash. Returns true when the arguments were this command (the site then does not start).
    /// </summary>
    public static async Task<bool> RunApiKeyCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length < 1 || args[0] != "apikey")
        {
            return false;
        }

        if (args.Length != 3 || args[1] != "create" || string.IsNullOrWhiteSpace(args[2]))
        {
            Console.Error.WriteLine("Usage: dotnet run --project CrowdSite -- apikey create NAME");
            Environment.ExitCode = 2;
            return true;
        }

        var key = await app.Services.GetRequiredService<PlatformKeys>().CreateAsync(args[2]);
        Console.WriteLine($"Platform API key '{args[2]}' (shown once, store it now):");
        Console.WriteLine(key);
        return true;
    }
}
