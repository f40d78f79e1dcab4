using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Features.Ledger;

/// <summary>How runways are projected (section "Funding").</summary>
public sealed class FundingOptions
{
    public const string Section = "Funding";

    /// <summary>
    /// How many 30-day windows of one-time gifts the typical one-time income is the median of (default 6, about
    /// six months): more windows move less with one gift and follow a change in giving later.
    /// </summary>
    [Range(1, 24, ErrorMessage = "Funding:TypicalIncomeMonths must be between 1 and 24 (30-day windows of one-time gifts).")]
    public int TypicalIncomeMonths { get; set; } = 6;
}
