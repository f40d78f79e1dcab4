using System.ComponentModel.DataAnnotations;

namespace CrowdSite.Features.Platform;

/// <summary>The deployment's own settings (section "Platform").</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>
    /// The default <see cref="Repository"/>: a real public repository standing in for CrowdSite's own until that is
    /// public, so the demo's commit links work (Data/Demo/commits.json holds its real commits). Pages label it a stand-in.
    /// </summary>
    public const string StandInRepository = "dotnet/eShop";

    /// <summary>The platform's own repository: CrowdSite is a project on itself.</summary>
    [Required(ErrorMessage = "Set Platform:Repository to the platform's public GitHub repository (owner/name).")]
    [RegularExpression(@"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$",
        ErrorMessage = "Platform:Repository must look like owner/name.")]
    public string Repository { get; set; } = StandInRepository;

    /// <summary>Whether <see cref="Repository"/> is still the stand-in, not the platform's own.</summary>
    public bool RepositoryIsStandIn => string.Equals(Repository, StandInRepository, StringComparison.OrdinalIgnoreCase);

    /// <summary>The one currency of this deployment (ISO 4217).</summary>
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Platform:Currency must be an upper-case ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>The share of an opted-in gift that goes to the free-tier pot, in percent.</summary>
    [Range(0, 100, ErrorMessage = "Platform:PotPercent must be between 0 and 100.")]
    public int PotPercent { get; set; } = 1;

    /// <summary>
    /// The site's public address (e.g. https://crowdsite.example/): links that leave the page (checkout returns,
    /// feeds, badges, API paging) are built from it, never from the request's Host header. Unset: the request's
    /// own address, fine on a laptop; a deployment sets it (a warning says so at start).
    /// </summary>
    [RegularExpression(@"^https?://[^\s/?#]+(/[^\s?#]*)?$", ErrorMessage = "Platform:PublicUrl must be an absolute http(s) URL such as https://crowdsite.example/.")]
    public string? PublicUrl { get; set; }
}
