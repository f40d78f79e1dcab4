namespace CrowdSite.Features.Metering.CloudFoundry;

/// <summary>What an import did. <see cref="Cursor"/> is the newest event GUID imported: where the next fetch resumes.</summary>
public sealed record CfImportResult(int Imported, int AlreadyImported, int OtherApps, int Charges, double GbHours, string? Cursor);
