namespace CrowdSite.Features.Ledger;

public sealed class InvalidPostingException(string message) : ArgumentException(message);
