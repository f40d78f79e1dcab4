using CrowdSite.Infrastructure.Http;
using Microsoft.Extensions.Options;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>Checked at start: half a sign-in configuration or an address that is not one fails there, naming the key.</summary>
internal sealed class GitHubOptionsValidator : IValidateOptions<GitHubOptions>
{
    public ValidateOptionsResult Validate(string? name, GitHubOptions options)
    {
        List<string> failures = [];
        var (id, secret) = (!string.IsNullOrWhiteSpace(options.ClientId), !string.IsNullOrWhiteSpace(options.ClientSecret));
        if (id != secret)
        {
            failures.Add($"{(id ? "GitHub:ClientSecret" : "GitHub:ClientId")} is missing: Sign in with GitHub needs both GitHub:ClientId and GitHub:ClientSecret (an OAuth app), or neither.");
        }

        if (!AbsoluteUrl.IsHttp(options.ApiBase))
        {
            failures.Add("GitHub:ApiBase must be an absolute http(s) URL.");
        }

        if (!AbsoluteUrl.IsHttp(options.OAuthBase))
        {
            failures.Add("GitHub:OAuthBase must be an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
