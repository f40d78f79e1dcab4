namespace CrowdSite.Features.Alerts;

/// <summary>The follow page's fields (checkboxes post "on" when ticked, nothing otherwise).</summary>
public sealed class FollowForm
{
    public string? Email { get; set; }
    public string? Runway { get; set; }
    public string? Updates { get; set; }
}
