namespace CrowdSite.Infrastructure.Http;

/// <summary>What configured addresses of outside systems must be: absolute http(s) URLs.</summary>
public static class AbsoluteUrl
{
    public static bool IsHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
