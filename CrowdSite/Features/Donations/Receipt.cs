using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Donations;

/// <summary>A donation as its private receipt shows it: the project it went to and, for a monthly gift, its pledge.</summary>
public sealed record Receipt(Donation Donation, Project Project, Pledge? Pledge);
