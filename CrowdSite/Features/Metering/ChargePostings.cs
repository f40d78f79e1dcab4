using CrowdSite.Features.Ledger;
using static System.FormattableString;

namespace CrowdSite.Features.Metering;

/// <summary>Builds the ledger transaction of a compute charge: the project pays the compute provider.</summary>
public static class ChargePostings
{
    public static string KeyFor(string sourceId) => "charge:" + sourceId;

    public static Posting Build(Charge charge, string projectName, string shortSha, DateTime? at) => new()
    {
        IdempotencyKey = KeyFor(charge.SourceId),
        Kind = LedgerKind.Charge,
        Currency = charge.Currency,
        Description = Invariant($"{char.ToUpperInvariant(charge.Resource[0])}{charge.Resource[1..]}: {charge.Quantity:0.##} {charge.Unit} for {projectName} at {shortSha}"),
        ProjectId = charge.ProjectId,
        CommitId = charge.CommitId,
        Resource = charge.Resource,
        Lines =
        [
            new(Accounts.Project(charge.ProjectId), LedgerKind.Charge, -charge.Amount),
            new(Accounts.ComputeProvider, LedgerKind.Charge, charge.Amount),
        ],
        At = at,
        Attach = tx =>
        {
            charge.LedgerTransaction = tx;
            return charge;
        },
    };
}
