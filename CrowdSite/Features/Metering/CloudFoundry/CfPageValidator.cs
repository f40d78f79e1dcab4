namespace CrowdSite.Features.Metering.CloudFoundry;

internal static class CfPageValidator
{
    private static readonly HashSet<string> KnownStates = ["STARTED", "STOPPED", "WAS_RUNNING", "TASK_STARTED", "TASK_STOPPED", "BUILDPACK_SET"];

    public static Dictionary<string, string[]> Validate(CfUsagePage page)
    {
        var errors = new Dictionary<string, string[]>();
        if (page.Resources is null)
        {
            errors["resources"] = ["A page of /v3/app_usage_events has a resources array."];
            return errors;
        }

        for (var i = 0; i < page.Resources.Count; i++)
        {
            var e = page.Resources[i];
            var problems = new List<string>();
            if (string.IsNullOrWhiteSpace(e.Guid) || e.Guid.Length > 64) problems.Add("guid is required.");
            if (e.CreatedAt is null) problems.Add("created_at is required.");
            if (e.State?.Current is not { } current || !KnownStates.Contains(current)) problems.Add($"state.current must be one of {string.Join(", ", KnownStates)}.");
            if (string.IsNullOrWhiteSpace(e.App?.Guid)) problems.Add("app.guid is required.");
            if (e.State?.Current is "STARTED" or "TASK_STARTED" or "WAS_RUNNING"
                && (e.InstanceCount?.Current is not > 0 || e.MemoryInMbPerInstance?.Current is not > 0))
            {
                problems.Add("a start carries instance_count.current and memory_in_mb_per_instance.current, both positive.");
            }

            if (problems.Count > 0)
            {
                errors[$"resources[{i}]"] = [.. problems];
            }
        }

        return errors;
    }
}
