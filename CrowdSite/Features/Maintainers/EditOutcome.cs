namespace CrowdSite.Features.Maintainers;

public enum EditOutcome
{
    Saved,
    Forbidden,
    NotFound,
    Conflict,
    Invalid,
}
