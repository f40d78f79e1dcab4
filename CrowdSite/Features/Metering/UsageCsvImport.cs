using System.Security.Claims;
using CrowdSite.Features.SignIn;
using Microsoft.Extensions.Options;

namespace CrowdSite.Features.Metering;

/// <summary>The operators' CSV import: a preview that writes nothing, then an all-or-nothing import through the same ingest.</summary>
public sealed class UsageCsvImport(UsageIngest ingest, OperatorCheck operators, IOptions<MeteringOptions> metering)
{
    public async Task<(UsageOutcome? Outcome, string? Refusal)> PreviewAsync(ClaimsPrincipal? user, string csv, CancellationToken ct = default) =>
        await RunAsync(user, csv, write: false, ct);

    public async Task<(UsageOutcome? Outcome, string? Refusal)> ImportAsync(ClaimsPrincipal? user, string csv, CancellationToken ct = default) =>
        await RunAsync(user, csv, write: true, ct);

    private async Task<(UsageOutcome?, string?)> RunAsync(ClaimsPrincipal? user, string csv, bool write, CancellationToken ct)
    {
        if (await operators.AllowAsync(user, "import charges", ct) is null)
        {
            return (null, "Only the platform's operators import charges.");
        }

        var (charges, parseErrors) = UsageCsv.Parse(csv);
        if (parseErrors.Count > 0)
        {
            return (new UsageOutcome(null, parseErrors, []), null);
        }

        if (charges.Count == 0 || charges.Count > metering.Value.MaxBatchSize)
        {
            return (null, FormattableString.Invariant($"A file holds 1 to {metering.Value.MaxBatchSize:N0} charges."));
        }

        return (write ? await ingest.IngestAsync(charges, ct) : await ingest.CheckAsync(charges, ct), null);
    }
}
