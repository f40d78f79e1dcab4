namespace CrowdSite.Infrastructure.GitHub;

/// <summary>GitHub (section "GitHub"). Without any of these the site is offline: no sign-in, no commit verification.</summary>
public sealed class GitHubOptions
{
    public const string Section = "GitHub";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? WebhookSecret { get; set; }

    /// <summary>A token for API calls (public data only; raises the rate limit from 60 to 5,000 an hour).</summary>
    public string? Token { get; set; }

    /// <summary>GitHub's API address; tests point it at a local fake (Octokit then uses GitHub Enterprise paths, /api/v3/...).</summary>
    public string ApiBase { get; set; } = "https://api.github.com";
    public string OAuthBase { get; set; } = "https://github.com";

    /// <summary>Verify commits through the API: on when a token or an OAuth app is configured, unless set explicitly.</summary>
    public bool? VerifyCommits { get; set; }

    public bool SignInEnabled => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    public bool VerificationEnabled => VerifyCommits ?? (!string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(ClientId));
}
