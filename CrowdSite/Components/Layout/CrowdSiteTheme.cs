using MudBlazor;

namespace CrowdSite.Components.Layout;

/// <summary>The house colours: a trustworthy teal with warm accents, readable in light and dark.</summary>
public static class CrowdSiteTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0f766e",
            Secondary = "#f59e0b",
            Tertiary = "#6366f1",
            Success = "#16a34a",
            Warning = "#d97706",
            Error = "#dc2626",
            AppbarBackground = "#ffffff",
            Background = "#f8fafc",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#2dd4bf",
            Secondary = "#fbbf24",
            Tertiary = "#818cf8",
            Success = "#4ade80",
            Warning = "#fbbf24",
            Error = "#f87171",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
