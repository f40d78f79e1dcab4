namespace CrowdSite.Features.Donations;

/// <summary>A project's named backers as its page shows them: <see cref="BackerItem.Amount"/> is null for "name only" gifts.</summary>
public sealed record BackersResponse(int Count, string Currency, IReadOnlyList<BackerItem> Items);
