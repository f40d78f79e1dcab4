using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrowdSite.Tests.TestSupport;

/// <summary>bUnit with MudBlazor's services, loose JS interop (MudBlazor calls JS we do not assert on) and an interactive renderer.</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
        : this(_ => { })
    {
    }

    /// <param name="services">More services, added before the first render fixes the container.</param>
    protected ComponentTestContext(Action<BunitServiceProvider> services)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        services(Services);
        // As on an interactive page; tests of static rendering say so themselves.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }
}
