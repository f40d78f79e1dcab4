using Microsoft.Extensions.Options;

namespace CrowdSite.Features.SignIn;

/// <summary>Checked at start: an operator named by login instead of GitHub's numeric id would never match anyone.</summary>
internal sealed class OperatorsOptionsValidator : IValidateOptions<OperatorsOptions>
{
    public ValidateOptionsResult Validate(string? name, OperatorsOptions options)
    {
        var failures = options.GitHubUserIds.Select((id, i) => (id, i))
            .Where(x => x.id is not { Length: > 0 } || !x.id.All(char.IsAsciiDigit))
            .Select(x => $"Operators:GitHubUserIds:{x.i} is '{x.id}': operators are named by GitHub's numeric user id "
                + "(https://api.github.com/users/LOGIN shows it as \"id\"), never a login.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
