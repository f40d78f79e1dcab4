namespace CrowdSite.Features.Projects;

/// <summary>One compute charge as the project page lists it, with the commit that was running.</summary>
public sealed record ChargeRow(
    long Id, DateTime PeriodStart, DateTime PeriodEnd, string Resource, double Quantity, string Unit, long Amount, string Currency,
    string Sha, string CommitUrl, string? CommitMessage, bool Verified, bool VerificationFailed, string? DeployHref = null)
{
    public string ShortSha => Sha[..7];

    public string? MessageFirstLine => CommitMessage?.Split('\n', 2)[0];
}
