using Octokit;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>The one way this site makes an Octokit client: its product name, the configured API base, and an optional token.</summary>
public static class GitHubClients
{
    public static GitHubClient Create(string apiBase, string? token)
    {
        var client = new GitHubClient(new ProductHeaderValue("crowdsite"), new Uri(apiBase));
        if (!string.IsNullOrWhiteSpace(token))
        {
            client.Credentials = new Credentials(token);
        }

        return client;
    }
}
