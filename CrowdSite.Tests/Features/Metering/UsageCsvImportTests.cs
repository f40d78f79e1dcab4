using System.Security.Claims;
using CrowdSite.Data;
using CrowdSite.Features.Metering;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdSite.Tests.Features.Metering;

public sealed class UsageCsvImportTests : IAsyncLifetime
{
    private static readonly string Sha = new('a', 40);
    private readonly ClaimsPrincipal Operator = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "42")], "test"));
    private readonly ClaimsPrincipal Maintainer = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "7")], "test"));
    private readonly CrowdSiteFactory _factory = new(seedDemo: false, settings: new Dictionary<string, string> { ["Operators:GitHubUserIds:0"] = "42" });

    private UsageCsvImport Import => _factory.Services.GetRequiredService<UsageCsvImport>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App", Repository = "octo/app", Currency = "USD" });
        db.Commits.Add(new Commit { Repository = "octo/app", Sha = Sha });
        await db.SaveChangesAsync();
        await _factory.SignInAsync(Operator, Maintainer);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static string Csv(params string[] rows) =>
        "id,project,commitSha,resource,quantity,unit,amount,currency,periodStart,periodEnd\n" + string.Join("\n", rows) + "\n";

    private static string Row(string id, string amount = "250", string sha = "") =>
        $"{id},app,{(sha.Length > 0 ? sha : Sha)},compute,12.5,\"vCPU-hours\",{amount},USD,2026-11-25T00:00:00Z,2026-11-26T00:00:00Z";

    private async Task<int> CountAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return await db.Charges.CountAsync();
    }

    [Fact]
    public async Task Preview_InvalidRows_ShowsEachErrorAndWritesNothing()
    {
        var (outcome, refusal) = await Import.PreviewAsync(Operator, Csv(Row("c1"), Row("c2", amount: "-3"), Row("c3", sha: "nope")));

        Assert.Null(refusal);
        Assert.False(outcome!.Valid);
        Assert.Contains("charges[1].amount", outcome.Errors.Keys);
        Assert.Contains("charges[2].commitSha", outcome.Errors.Keys);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task PreviewThenImport_ValidFile_RecordsAllRows()
    {
        var csv = Csv(Row("c1"), Row("c2"));

        var (preview, _) = await Import.PreviewAsync(Operator, csv);
        Assert.True(preview!.Valid);
        Assert.Equal(0, await CountAsync());
        var (imported, _) = await Import.ImportAsync(Operator, csv);

        Assert.Equal(2, imported!.Result!.Recorded);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Import_ByANonOperator_IsRefused()
    {
        var (outcome, refusal) = await Import.ImportAsync(Maintainer, Csv(Row("c1")));

        Assert.Null(outcome);
        Assert.Contains("operators", refusal);
        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task Parse_WrongHeaderOrColumns_NamesTheLine()
    {
        var (_, badHeader) = UsageCsv.Parse("id,amount\n1,2\n");
        var (_, badRow) = UsageCsv.Parse(Csv("c1,app"));

        Assert.Contains("line 1", badHeader.Keys);
        Assert.Contains("line 2", badRow.Keys);
    }
}
