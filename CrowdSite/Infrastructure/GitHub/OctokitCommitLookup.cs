using Microsoft.Extensions.Options;
using Octokit;

namespace CrowdSite.Infrastructure.GitHub;

/// <summary>Octokit's <c>Repository.Commit.Get</c>, read into a result that says what to do next.</summary>
public sealed class OctokitCommitLookup(IOptions<GitHubOptions> options) : ICommitLookup
{
    private readonly GitHubClient _client = GitHubClients.Create(options.Value.ApiBase, options.Value.Token);

    public async Task<CommitLookupResult> GetAsync(string repository, string sha, CancellationToken ct)
    {
        var (owner, name) = Split(repository);
        try
        {
            var commit = await _client.Repository.Commit.Get(owner, name, sha);
            return new CommitLookupResult.Found(commit.Commit.Message, commit.Commit.Author?.Name, commit.Commit.Author?.Date);
        }
        catch (NotFoundException)
        {
            return new CommitLookupResult.Missing($"GitHub has no commit {sha} in {repository}.");
        }
        catch (ApiValidationException ex)
        {
            return new CommitLookupResult.Missing($"GitHub refused {sha} for {repository}: {ex.Message}");
        }
        catch (RateLimitExceededException ex)
        {
            return new CommitLookupResult.RateLimited(ex.Reset);
        }
        catch (SecondaryRateLimitExceededException)
        {
            return new CommitLookupResult.RateLimited(DateTimeOffset.UtcNow.AddMinutes(1));
        }
        catch (Exception ex) when (ex is ApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new CommitLookupResult.Transient(ex.Message);
        }
    }

    private static (string Owner, string Name) Split(string repository) =>
        repository.Split('/') is [var owner, var name] ? (owner, name) : throw new ArgumentException($"'{repository}' is not owner/name.");
}
