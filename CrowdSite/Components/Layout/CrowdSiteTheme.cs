using MudBlazor;

namespace CrowdSite.Components.Layout;

/// <summary>
/// The house colours: a trustworthy teal with warm accents, readable in light and dark. Every colour that carries
/// text meets WCAG AA (4.5:1): dark mode's light fills take dark text, light mode's fills are deep enough for white.
/// </summary>
public static class CrowdSiteTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0f766e",             // white on it 5.5:1
            Secondary = "#f59e0b",
            SecondaryContrastText = "#1f2937",
            Tertiary = "#4f46e5",            // white 6.3:1
            Info = "#1d4ed8",                // white 6.7:1
            Success = "#15803d",             // white 5.0:1
            Warning = "#b45309",             // white 5.0:1
            Error = "#b91c1c",               // white 6.5:1
            TextSecondary = "#4b5563",       // 7.2:1 on the background
            AppbarBackground = "#ffffff",
            Background = "#f8fafc",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#2dd4bf",
            PrimaryContrastText = "#042f2e", // 9.6:1 (white was 1.9:1)
            Secondary = "#fbbf24",
            SecondaryContrastText = "#1f2937",
            Tertiary = "#818cf8",
            TertiaryContrastText = "#111827",
            Info = "#bfdbfe",                // alerts draw text in a 7.5% darker shade: still 6:1 on their tint
            InfoContrastText = "#0b1b3a",
            Success = "#4ade80",
            SuccessContrastText = "#052e16",
            Warning = "#fbbf24",
            WarningContrastText = "#451a03",
            Error = "#fca5a5",               // 6:1 on a dark card (#f87171 was 4.25:1)
            ErrorContrastText = "#450a0a",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.72)",
            TableStriped = "rgba(255,255,255,0.06)", // MudBlazor's 0.2 left striped rows' text at 4.07:1
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
