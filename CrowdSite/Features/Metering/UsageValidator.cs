using CrowdSite.Features.Projects;

namespace CrowdSite.Features.Metering;

/// <summary>Checks a usage batch item by item; every problem is named by its field (<c>charges[i].field</c>).</summary>
internal static class UsageValidator
{
    public static Dictionary<string, string[]> Validate(IReadOnlyList<UsageCharge> charges, UsageContext context, string currency, long maxAmount)
    {
        var errors = new Dictionary<string, string[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < charges.Count; i++)
        {
            var c = charges[i];
            var problems = new Dictionary<string, string>();
            CheckSource(c, seen, context, problems);
            CheckMeasure(c, problems);
            CheckMoney(c, currency, maxAmount, problems);
            CheckPeriod(c, problems);
            foreach (var (field, message) in problems)
            {
                errors[$"charges[{i}].{field}"] = [message];
            }
        }

        return errors;
    }

    /// <summary>Its id (unique in the batch), its project and the commit that ran.</summary>
    private static void CheckSource(UsageCharge c, HashSet<string> seen, UsageContext context, Dictionary<string, string> problems)
    {
        if (string.IsNullOrWhiteSpace(c.Id) || c.Id.Length > 200)
        {
            problems["id"] = "id is required (at most 200 characters).";
        }
        else if (!seen.Add(c.Id))
        {
            problems["id"] = $"id '{c.Id}' appears more than once in this batch.";
        }

        context.ProjectsBySlug.TryGetValue(c.Project ?? "", out var project);
        if (project is null)
        {
            problems["project"] = MeteringMessages.UnknownProject(c.Project);
        }

        if (!Commit.IsValidSha(c.CommitSha))
        {
            problems["commitSha"] = MeteringMessages.InvalidCommitSha;
        }
        else if (project is not null && !context.Commits.ContainsKey((project.Id, c.CommitSha!)))
        {
            problems["commitSha"] = MeteringMessages.UnknownCommit(c.CommitSha, project.Repository);
        }
    }

    /// <summary>What was used: the resource, how much and in what unit.</summary>
    private static void CheckMeasure(UsageCharge c, Dictionary<string, string> problems)
    {
        if (c.Resource is null || !Charge.Resources.Contains(c.Resource))
        {
            problems["resource"] = $"resource must be one of: {string.Join(", ", Charge.Resources)}.";
        }

        if (c.Quantity is not { } quantity || quantity < 0 || double.IsNaN(quantity) || double.IsInfinity(quantity))
        {
            problems["quantity"] = "quantity is required and must not be negative.";
        }

        if (string.IsNullOrWhiteSpace(c.Unit) || c.Unit.Length > 32)
        {
            problems["unit"] = "unit is required (at most 32 characters), e.g. GB-hours.";
        }
    }

    /// <summary>What it costs: a positive amount within Metering:MaxChargeAmount, in the deployment's currency.</summary>
    private static void CheckMoney(UsageCharge c, string currency, long maxAmount, Dictionary<string, string> problems)
    {
        if (c.Amount is not > 0)
        {
            problems["amount"] = "amount is required: a positive whole number of minor units (a zero charge moves no money).";
        }
        else if (c.Amount > maxAmount)
        {
            problems["amount"] = $"amount {c.Amount} is more than one charge may be ({maxAmount} minor units, Metering:MaxChargeAmount).";
        }

        if (!string.Equals(c.Currency, currency, StringComparison.Ordinal))
        {
            problems["currency"] = $"currency must be {currency}, the currency of this deployment.";
        }
    }

    private static void CheckPeriod(UsageCharge c, Dictionary<string, string> problems)
    {
        if (c.PeriodStart is null || c.PeriodEnd is null)
        {
            problems["periodStart"] = "periodStart and periodEnd are required (ISO 8601).";
        }
        else if (c.PeriodEnd <= c.PeriodStart)
        {
            problems["periodEnd"] = "periodEnd must be after periodStart.";
        }
    }
}
