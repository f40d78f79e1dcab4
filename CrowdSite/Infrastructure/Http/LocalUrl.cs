using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;

namespace CrowdSite.Infrastructure.Http;

/// <summary>
/// The one rule for a return URL a visitor hands us (sign-in, the theme toggle): ASP.NET Core's own
/// <see cref="IUrlHelper.IsLocalUrl"/> (a path on this site: no scheme or host, no "//" or "/\", no control
/// characters a browser would drop to reach another host), else the home page.
/// </summary>
public static class LocalUrl
{
    // IsLocalUrl reads only the URL; the helper needs a context to exist.
    private static readonly UrlHelper Helper = new(new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor()));

    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && Helper.IsLocalUrl(url) ? url : "/";
}
