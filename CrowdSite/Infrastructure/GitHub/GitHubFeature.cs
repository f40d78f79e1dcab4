using Microsoft.Extensions.Options;

namespace CrowdSite.Infrastructure.GitHub;

public static class GitHubFeature
{
    public static WebApplicationBuilder AddGitHub(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GitHubOptions>().BindConfiguration(GitHubOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GitHubOptions>, GitHubOptionsValidator>();
        builder.Services.AddSingleton<ICommitLookup, OctokitCommitLookup>();
        builder.Services.AddSingleton<CommitVerifier>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CommitVerifier>());
        builder.Services.AddSingleton<GitHubWebhookProcessor>();
        return builder;
    }
}
