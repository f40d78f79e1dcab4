using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Platform;

/// <summary>The site's public base URL (Platform:PublicUrl), ending in a slash; the request's own address only when it is not configured.</summary>
public sealed class PublicSite(IOptions<PlatformOptions> options)
{
    private readonly Uri? _configured = options.Value.PublicUrl is { Length: > 0 } url ? new Uri(url.TrimEnd('/') + "/") : null;

    public bool IsConfigured => _configured is not null;

    public Uri BaseFor(HttpRequest request) => _configured ?? new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    public Uri BaseFor(NavigationManager navigation) => _configured ?? new Uri(navigation.BaseUri);

    /// <summary>An absolute URL for a site path such as "p/takahe" (no leading slash needed).</summary>
    public string UrlFor(HttpRequest request, string path) => new Uri(BaseFor(request), path.TrimStart('/')).AbsoluteUri;
}
