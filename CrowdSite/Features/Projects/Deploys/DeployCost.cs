namespace CrowdSite.Features.Projects.Deploys;

/// <summary>
/// What one deployment cost (issue 14, item 3). Amounts are minor units of <see cref="Currency"/>.
/// <see cref="CompleteDays"/>: the whole UTC days it ran (the day it started and the day it was replaced are partial and
/// left out; today is never complete). <see cref="CostPerDay"/>: their charges ÷ their count, half up (null without a
/// complete day). <see cref="CostPer1000Requests"/>: minor units with two decimals (null without request figures).
/// <see cref="ChangePercent"/>: against <see cref="PreviousSha"/>, the nearest earlier deployment with a complete day.
/// </summary>
public sealed record DeployCost(
    int Id, string CommitSha, string ShortSha, string CommitUrl, string? Message, DateTime StartedAt, DateTime? EndedAt,
    int CompleteDays, long? CostPerDay, double? CostPer1000Requests, string? PreviousSha, long? ChangePercent, string? Change,
    string Currency)
{
    [System.Text.Json.Serialization.JsonIgnore] public string? MessageFirstLine => Message?.Split('\n', 2)[0];

    /// <summary>The card's element id on the project page (a charge's commit links to it).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public string Anchor => AnchorOf(CommitSha);

    public static string AnchorOf(string sha) => $"deploy-{sha[..7]}";
}
