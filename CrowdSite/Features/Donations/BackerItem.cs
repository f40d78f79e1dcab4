namespace CrowdSite.Features.Donations;

public sealed record BackerItem(string Name, long? Amount, bool Monthly);
