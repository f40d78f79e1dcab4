namespace CrowdSite.Features.Projects;

/// <summary>
/// A donor who chose to be named, with what they gave when they chose to show it (<see cref="Total"/> counts only gifts
/// shown with their amount; null when every gift under the name is "name only").
/// </summary>
public sealed record Backer(string Name, long? Total, bool Monthly);
