namespace CrowdSite.Components.Shared;

public enum DateStyle
{
    /// <summary>"Dec 5, 2026"</summary>
    Day,

    /// <summary>"December 2026"</summary>
    Month,

    /// <summary>"Dec 5, 2026 14:03 UTC"</summary>
    Minute,
}
