namespace CrowdSite.Features.Donations;

/// <summary>
/// How a gift appears in public (issue 15, part 3). Stored by name; JSON camelCase like every enum. The ledger never
/// carries a donor's name whatever the choice: its lines are public and sealed forever (see <see cref="DonationPostings"/>).
/// </summary>
public enum DonorVisibility
{
    /// <summary>The public name, and the amount beside it in the backers list.</summary>
    NameAndAmount,

    /// <summary>The public name in the backers list, without any amount.</summary>
    NameOnly,

    /// <summary>No name anywhere: the gift is counted among the backers and is a ledger line like any other.</summary>
    Anonymous,
}
