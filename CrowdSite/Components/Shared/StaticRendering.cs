using Microsoft.AspNetCore.Components;

namespace CrowdSite.Components.Shared;

public static class StaticRendering
{
    /// <summary>
    /// Rendered on a static page (no circuit will follow), not prerendered for an interactive one: the
    /// page's script (wwwroot/js/live.js) brings such a component to life instead of the component itself.
    /// </summary>
    public static bool IsStaticPage(RendererInfo renderer, IComponentRenderMode? assigned) => assigned is null && !renderer.IsInteractive;
}
