namespace CrowdSite.Features.Maintainers;

/// <summary>The rule for addresses a project page links to: absolute, https, at most 500 characters.</summary>
internal static class SafeUrl
{
    public const int MaxLength = 500;

    public static bool IsValid(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && url!.Length <= MaxLength;
}
