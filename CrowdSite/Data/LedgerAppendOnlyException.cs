namespace CrowdSite.Data;

public sealed class LedgerAppendOnlyException(string message) : InvalidOperationException(message);
