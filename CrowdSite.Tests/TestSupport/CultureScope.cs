using System.Globalization;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// Runs a test in another culture and restores the old one. Public outputs must not change with it: th-TH counts
/// years in the Buddhist calendar (2026 is 2569), sv-SE writes a minus as U+2212, tr-TR lowercases I to ı.
/// </summary>
public sealed class CultureScope : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    public CultureScope(string name) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
}
