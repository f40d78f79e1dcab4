using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CrowdSite.Tests.TestSupport;

/// <summary>bUnit with MudBlazor's services and loose JS interop (MudBlazor calls JS we do not assert on).</summary>
public abstract class ComponentTestContext : BunitContext
{
    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
