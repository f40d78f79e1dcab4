namespace CrowdSite.Features.Donations;

public static class DonorVisibilities
{
    /// <summary>
    /// What a gift shows, given its stored choice and name: without a name it is anonymous whatever was stored
    /// (rows from before the choice existed, the demo).
    /// </summary>
    public static DonorVisibility Effective(DonorVisibility stored, string? publicName) =>
        publicName is null ? DonorVisibility.Anonymous : stored;

    /// <summary>The choice and name to store for what a donor asked; today's behaviour when no choice is given (a name shows with its amount).</summary>
    public static (DonorVisibility Visibility, string? Name) Resolve(DonorVisibility? asked, string? name) =>
        (asked ?? (name is null ? DonorVisibility.Anonymous : DonorVisibility.NameAndAmount)) switch
        {
            DonorVisibility.Anonymous => (DonorVisibility.Anonymous, null),
            var chosen => (chosen, name),
        };

    /// <summary>The error when a named choice comes without a name; null when the choice can be stored.</summary>
    public static string? Error(DonorVisibility? asked, string? name) =>
        asked is DonorVisibility.NameAndAmount or DonorVisibility.NameOnly && string.IsNullOrWhiteSpace(name)
            ? "Enter the name to show, or choose to give anonymously."
            : null;

    /// <summary>In words, for the receipt and /me: what anyone can see about the gift.</summary>
    public static string Describe(DonorVisibility visibility, string? name) => Effective(visibility, name) switch
    {
        DonorVisibility.NameAndAmount => $"“{name}” and the amount appear in the project's backers list.",
        DonorVisibility.NameOnly => $"“{name}” appears in the project's backers list, without the amount.",
        _ => "No name appears anywhere: the gift is counted among the backers as anonymous.",
    };

    public static string Label(DonorVisibility visibility) => visibility switch
    {
        DonorVisibility.NameAndAmount => "Name and amount",
        DonorVisibility.NameOnly => "Name only",
        _ => "Anonymous",
    };
}
