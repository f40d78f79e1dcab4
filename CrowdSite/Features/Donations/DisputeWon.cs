namespace CrowdSite.Features.Donations;

/// <summary>A dispute closed in the project's favour: the money it took back is reinstated, once.</summary>
public sealed record DisputeWon(string EventId, string DisputeId) : PaymentEvent(EventId);
