namespace CrowdSite.Features.Ledger;

/// <summary>The ledger's account names. A project's account holds its balance.</summary>
public static class Accounts
{
    public const string Donors = "donors";
    public const string Pot = "pot";
    public const string ProcessorFees = "processor-fees";
    public const string ComputeProvider = "compute-provider";
    /// <summary>Every project account starts so (queries select project accounts by it).</summary>
    public const string ProjectPrefix = "project:";

    public static string Project(int projectId) => ProjectPrefix + projectId;

    public static int? ProjectIdOf(string account) =>
        account.StartsWith(ProjectPrefix, StringComparison.Ordinal)
        && int.TryParse(account.AsSpan(ProjectPrefix.Length), out var id)
            ? id
            : null;
}
