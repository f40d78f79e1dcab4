using CrowdSite.Features.Projects.Usage;

namespace CrowdSite.Features.Projects;

/// <summary>The calculator's answer for one monthly gift typed as text; <see cref="Error"/> when it cannot be read or is out of range.</summary>
public sealed record SustainabilityAnswer(long? Gift, string Currency, string? Error, string? Text, BreakEven? BreakEven);
