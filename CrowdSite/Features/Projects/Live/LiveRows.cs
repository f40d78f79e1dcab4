namespace CrowdSite.Features.Projects.Live;

/// <summary>A table's rows by key (<c>data-row-key</c>), in order; <see cref="Html"/> holds the rows the viewer does not have.</summary>
public sealed record LiveRows(IReadOnlyList<string> Keys, IReadOnlyDictionary<string, string> Html);
