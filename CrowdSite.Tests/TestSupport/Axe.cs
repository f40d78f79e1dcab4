using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// axe-core (npm, copied next to the tests by the build) run inside a page. The source is evaluated through
/// Playwright (DevTools evaluation, which the site's CSP does not govern), so the page keeps its real policy.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe", "axe.min.js")));

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<(string Target, string Summary)> Nodes);

    /// <summary>The serious and critical violations on the page as it is now.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(Source.Value);
        }

        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                             nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })) }));
            }
            """);
        return [.. json.EnumerateArray().Select(v => new Violation(
            v.GetProperty("id").GetString()!,
            v.GetProperty("impact").GetString()!,
            v.GetProperty("help").GetString()!,
            [.. v.GetProperty("nodes").EnumerateArray().Select(n => (n.GetProperty("target").GetString()!, n.GetProperty("summary").GetString()!))]))];
    }

    /// <summary>Fails listing every serious or critical violation: rule, impact, each element and why.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var violations = await SeriousViolationsAsync(page);
        if (violations.Count > 0)
        {
            Assert.Fail(Describe(what, violations));
        }
    }

    public static string Describe(string what, IReadOnlyList<Violation> violations)
    {
        var text = new StringBuilder($"{what}: {violations.Count} serious or critical axe-core violation(s)");
        foreach (var v in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n- {v.Id} ({v.Impact}): {v.Help}");
            foreach (var (target, summary) in v.Nodes.Take(10))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    {target}: {summary.ReplaceLineEndings(" ")}");
            }

            if (v.Nodes.Count > 10)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n    … and {v.Nodes.Count - 10} more");
            }
        }

        return text.ToString();
    }
}
