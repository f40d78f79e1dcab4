using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace CrowdSite.Components.Layout;

/// <summary>
/// The dark palette's CSS variables inside <c>@media (prefers-color-scheme: dark)</c>, placed after the light
/// <see cref="MudThemeProvider"/> for a visitor who has not chosen a theme: the page follows the system's
/// setting from the first paint, without a script, a circuit or a second request (cached pages stay shareable).
/// Render it with <c>IsDarkMode="true"</c>. MudBlazor generates the variables (<see cref="MudThemeProvider.GenerateTheme"/>); only the wrapper is ours.
/// </summary>
public sealed class SystemDarkPalette : MudThemeProvider
{
    [SuppressMessage("Naming", "CA1725", Justification = "The base's __builder is the Razor compiler's generated name.")]
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var css = new StringBuilder("@media (prefers-color-scheme: dark) { :root {");
        GenerateTheme(css);
        css.Append("} }");
        builder.OpenElement(0, "style");
        builder.AddMarkupContent(1, css.ToString()); // raw: a <style> element does not decode entities (the theme is ours, not input)
        builder.CloseElement();
    }
}
