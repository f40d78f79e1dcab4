using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;

namespace CrowdSite.Data.Demo;

internal sealed record DemoSetup(Project Project, IReadOnlyList<Deployment> Deployments, IReadOnlyList<Pledge> Pledges);
