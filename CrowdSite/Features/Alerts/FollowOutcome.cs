namespace CrowdSite.Features.Alerts;

public enum FollowOutcome
{
    /// <summary>A confirmation is on its way (or the address already follows: the answer does not tell which).</summary>
    ConfirmationSent,
    ProjectNotFound,
    Invalid,
}
