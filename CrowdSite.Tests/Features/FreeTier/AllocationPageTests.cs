using System.Security.Claims;
using Bunit;
using CrowdSite.Data;
using CrowdSite.Features.FreeTier;
using CrowdSite.Features.Ledger;
using CrowdSite.Features.Projects;
using CrowdSite.Features.SignIn;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CrowdSite.Tests.Features.FreeTier;

/// <summary>The operators' page (interactive): the preview of last month's grants, the allocation, and deciding applications.</summary>
public sealed class AllocationPageTests : SiteComponentTestContext, IAsyncLifetime
{
    private const string OperatorId = "42";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private int _a;
    private int _b;
    private int _applicant;

    public AllocationPageTests()
        : base(new Dictionary<string, string> { ["FreeTier:MonthlyCap"] = "1000", ["Operators:GitHubUserIds:0"] = OperatorId })
    {
    }

    private LedgerService Ledger => Site.Services.GetRequiredService<LedgerService>();

    public async ValueTask InitializeAsync()
    {
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        var a = new Project { Slug = "a", Name = "Alpha", Repository = "o/a", Currency = "USD", Status = ProjectStatus.FreeTier };
        var b = new Project { Slug = "b", Name = "Beta", Repository = "o/b", Currency = "USD", Status = ProjectStatus.FreeTier };
        var donor = new Project { Slug = "big", Name = "Big", Repository = "o/big", Currency = "USD" };
        var applicant = new Project { Slug = "small", Name = "Small", Repository = "o/small", Currency = "USD" };
        db.Projects.AddRange(a, b, donor, applicant);
        await db.SaveChangesAsync();
        (_a, _b, _applicant) = (a.Id, b.Id, applicant.Id);

        // October (the last closed month, the clock being in November): a pot of $10.01 against $15.00 of free-tier charges.
        await Ledger.PostAsync(Ledgers.Donation(donor.Id, 100_100, "fill", new DateTime(2026, 10, 2, 0, 0, 0, DateTimeKind.Utc), pot: 1_001));
        await Ledger.PostAsync(Ledgers.Charge(a.Id, 900, "a1", new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));
        await Ledger.PostAsync(Ledgers.Charge(b.Id, 600, "b1", new DateTime(2026, 10, 15, 0, 0, 0, DateTimeKind.Utc)));
        Render<MudPopoverProvider>(); // MudSelect's list opens in the page's popover provider
    }

    [Fact]
    public async Task Render_NotAnOperator_ShowsNoToolsAndNoFigures()
    {
        var cut = await RenderAsAsync("7");

        cut.WaitForElement("[data-testid='operators-only']", Patience);
        Assert.Empty(cut.FindAll("[data-testid='allocation-preview'], [data-testid='applications'], [data-testid='allocate']"));
    }

    [Fact]
    public async Task Render_Operator_PreviewsLastMonthsGrantsProRata()
    {
        var cut = await RenderAsAsync(OperatorId);

        var rows = cut.WaitForElements("[data-testid='allocation-preview'] tbody tr", Patience);
        Assert.Equal(["Alpha $9.00 $9.00 $6.00", "Beta $6.00 $6.00 $4.00"], rows.Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
        Assert.Contains("(pro rata: the pot cannot pay everything)", cut.Markup);
        Assert.Equal("Allocate October 2026", cut.Find("[data-testid='allocate']").TextContent.Trim());
    }

    [Fact]
    public async Task Allocate_ByAnOperator_GrantsOnceAndSaysTheMonthIsAllocated()
    {
        var cut = await RenderAsAsync(OperatorId);

        await cut.WaitForElement("[data-testid='allocate']", Patience).ClickAsync(new());

        cut.WaitForElement("[data-testid='allocated']", Patience);
        Assert.Empty(cut.FindAll("[data-testid='allocate']"));
        Assert.Equal(600, (await Site.Services.GetRequiredService<FiguresService>().TotalsAsync(_a)).Granted);
        Assert.Equal(400, (await Site.Services.GetRequiredService<FiguresService>().TotalsAsync(_b)).Granted);
    }

    [Fact]
    public async Task Allocate_AfterTheOperatorSignedOut_IsRefusedAndTheToolsGo()
    {
        var (cut, user) = await RenderSignedInAsync(OperatorId);
        var allocate = cut.WaitForElement("[data-testid='allocate']", Patience);

        await Site.Services.GetRequiredService<SignInSessions>().EndAsync(user); // signed out in another tab
        await allocate.ClickAsync(new());

        cut.WaitForElement("[data-testid='operators-only']", Patience);
        Assert.Equal(0, (await Site.Services.GetRequiredService<FiguresService>().TotalsAsync(_a)).Granted);
    }

    [Fact]
    public async Task Approve_WithoutAReason_SaysWhyAndKeepsTheApplication()
    {
        await ApplyAsync();
        var cut = await RenderAsAsync(OperatorId);

        await cut.WaitForElement("[data-testid='approve']", Patience).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("Give the reason for the decision", cut.Find("[data-testid='applications']").TextContent), Patience);
        Assert.Single(cut.FindAll("[data-testid='application']"));
        Assert.Equal(ProjectStatus.Active, await StatusAsync(_applicant));
    }

    [Fact]
    public async Task Approve_WithAReason_MovesTheProjectToTheFreeTierAndEmptiesTheList()
    {
        await ApplyAsync();
        var cut = await RenderAsAsync(OperatorId);

        cut.WaitForElement("input[data-testid='decision-reason']", Patience).Change("Small, public and useful.");
        await cut.Find("[data-testid='approve']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("No application is waiting.", cut.Find("[data-testid='applications']").TextContent), Patience);
        Assert.Equal(ProjectStatus.FreeTier, await StatusAsync(_applicant));
        Assert.Empty(cut.FindAll("[data-testid='application']"));
    }

    private async Task<IRenderedComponent<AllocationPage>> RenderAsAsync(string gitHubUserId) => (await RenderSignedInAsync(gitHubUserId)).Page;

    /// <summary>Renders the page for a person signed in as the site signs people in (a live session in the database).</summary>
    private async Task<(IRenderedComponent<AllocationPage> Page, ClaimsPrincipal User)> RenderSignedInAsync(string gitHubUserId)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, gitHubUserId)], "test"));
        await Site.SignInAsync(user);
        var cut = Render<AllocationPage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user))));
        return (cut, user);
    }

    private async Task ApplyAsync()
    {
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.FreeTierApplications.Add(new FreeTierApplication
        {
            ProjectId = _applicant, Reason = "Too small to raise its costs yet.", ApplicantId = "7", CreatedAt = TestDatabase.Now.UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    private async Task<ProjectStatus> StatusAsync(int projectId)
    {
        await using var db = await Site.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        return (await db.Projects.SingleAsync(p => p.Id == projectId)).Status;
    }
}
