namespace CrowdSite.Features.SignIn;

/// <summary>A demo person the development sign-in can act as (GitHub-style numeric ids, far from real ones).</summary>
public sealed record DemoPerson(string Id, string Login, string Name, string Role);
