using System.Net;
using System.Web;
using CrowdSite.Data;
using CrowdSite.Features.Donations;
using CrowdSite.Features.Projects;
using CrowdSite.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CrowdSite.Tests.Features.SignIn;

public sealed class DevelopmentSignInTests : IAsyncLifetime
{
    private readonly CrowdSiteFactory _factory = new(seedDemo: false);

    public async ValueTask InitializeAsync()
    {
        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<CrowdSiteDbContext>>().CreateDbContextAsync();
        db.Projects.Add(new Project { Slug = "app", Name = "App Zero", Repository = "octo/app", Currency = "USD" });
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HttpClient Client() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task Me_SignedOut_RedirectsToSignIn()
    {
        var response = await Client().GetAsync("/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task DevSignIn_ThenMe_ListsTheGiftsMadeWhileSignedIn()
    {
        var client = Client();
        var signIn = await client.GetAsync("/signin/dev?as=demo-donor&returnUrl=/me", TestContext.Current.CancellationToken);
        var donations = _factory.Services.GetRequiredService<DonationService>();
        var start = await donations.StartAsync("app", new DonationRequest(4_200, "USD"), new Uri("http://localhost/"), donorId: "900000001");
        await donations.PaySimulatedAsync(start.IntentId!.Value);

        var me = await client.GetAsync("/me", TestContext.Current.CancellationToken);

        Assert.Equal("/me", signIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var html = await me.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("App Zero", html);
        Assert.Contains("$42.00", html);
        Assert.Contains("Dana Donor", html);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("/\t/evil.example/")] // a browser drops the tab and lands on //evil.example/
    [InlineData("/\n/evil.example/")]
    [InlineData("/\r\n/evil.example/")] // CR/LF: once a 500
    [InlineData("/\u0000/evil.example/")]
    public async Task DevSignIn_NonLocalReturnUrl_GoesHome(string returnUrl)
    {
        var response = await Client().GetAsync($"/signin/dev?as=demo-donor&returnUrl={Uri.EscapeDataString(returnUrl)}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_WithThePagesToken_SignsOut()
    {
        var client = Client();
        await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken);
        var page = await client.GetStringAsync("/me", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"signout-form\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var signOut = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopyOfTheOldCookieNoLongerWorks()
    {
        var client = Client();
        var signIn = await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("crowdsite.auth=", StringComparison.Ordinal)).Split(';')[0];
        var page = await client.GetStringAsync("/me", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"signout-form\"[^>]*>\\s*<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }), TestContext.Current.CancellationToken);

        // What someone who copied the cookie before sign-out sends afterwards.
        var replay = new HttpRequestMessage(HttpMethod.Get, "/me");
        replay.Headers.Add("Cookie", cookie);
        var response = await Client().SendAsync(replay, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOut_FromAnotherSitesForm_IsRefusedAndTheVisitorStaysSignedIn()
    {
        var client = Client();
        await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken);

        // What an auto-submitted form on another site sends: the cookie, no token.
        var forged = await client.PostAsync("/signout", new FormUrlEncodedContent(new Dictionary<string, string>()), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task DevSignIn_OutsideDevelopment_DoesNotExist()
    {
        await using var production = new CrowdSiteFactory(seedDemo: false, environment: "Production");

        var response = await production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
            .GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}

/// <summary>"Sign in with GitHub" against a WireMock fake of GitHub's OAuth and API endpoints.</summary>
public sealed class GitHubSignInTests : IAsyncDisposable
{
    private readonly WireMockServer _github = WireMockServer.Start();
    private readonly CrowdSiteFactory _factory;

    public GitHubSignInTests()
    {
        _github.Given(Request.Create().WithPath("/login/oauth/access_token").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"access_token":"gho_test","token_type":"bearer","scope":"read:user"}"""));
        _github.Given(Request.Create().WithPath("/user").UsingGet().WithHeader("Authorization", "Bearer gho_test"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"login":"octocat","id":583231,"name":"The Octocat","type":"User"}"""));
        _factory = new CrowdSiteFactory(seedDemo: false, settings: new Dictionary<string, string>
        {
            ["GitHub:ClientId"] = "client-id", ["GitHub:ClientSecret"] = "client-secret",
            ["GitHub:OAuthBase"] = _github.Url!, ["GitHub:ApiBase"] = _github.Url!,
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        _github.Stop();
    }

    [Fact]
    public async Task SignIn_WithGitHub_IdentifiesThePersonByTheirNumericId()
    {
        // The correlation cookie lives 15 minutes from the app's clock; the test's cookie jar checks it against the real one.
        _factory.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var challenge = await client.GetAsync("/signin/github?returnUrl=/me", TestContext.Current.CancellationToken);
        var authorize = challenge.Headers.Location!;
        var query = HttpUtility.ParseQueryString(authorize.Query);
        var callback = await client.GetAsync($"/signin-github?code=the-code&state={Uri.EscapeDataString(query["state"]!)}", TestContext.Current.CancellationToken);
        var me = await client.GetAsync("/me", TestContext.Current.CancellationToken);

        Assert.StartsWith($"{_github.Url}/login/oauth/authorize", authorize.ToString());
        Assert.Equal("client-id", query["client_id"]);
        Assert.Equal("/me", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("The Octocat", await me.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(404, (int)(await client.GetAsync("/signin/dev?as=demo-donor", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("""[{"email":"old@example.org","primary":false,"verified":true},{"email":"octo@example.org","primary":true,"verified":true}]""", "octo@example.org")]
    [InlineData("""[{"email":"octo@example.org","primary":true,"verified":false}]""", null)]
    [InlineData("""{"message":"Not Found"}""", null)]
    [InlineData("""[]""", null)]
    public void PrimaryVerifiedEmail_TakesOnlyTheVerifiedPrimaryAddress(string json, string? expected)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        Assert.Equal(expected, CrowdSite.Features.SignIn.SignInFeature.PrimaryVerifiedEmail(document.RootElement));
    }

    [Fact]
    public async Task SignIn_AsksForTheAddressScope_AndWorksWhenGitHubRefusesTheAddresses()
    {
        _factory.Time.SetUtcNow(DateTimeOffset.UtcNow);
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var challenge = await client.GetAsync("/signin/github", TestContext.Current.CancellationToken);
        var query = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        await client.GetAsync($"/signin-github?code=the-code&state={Uri.EscapeDataString(query["state"]!)}", TestContext.Current.CancellationToken);
        var me = await client.GetAsync("/me", TestContext.Current.CancellationToken);

        Assert.Contains("user:email", query["scope"]);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode); // the fake has no /user/emails: signed in all the same
    }

    [Fact]
    public async Task SignIn_CallbackWithoutState_FailsClearlyWithoutASession()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var callback = await client.GetAsync("/signin-github?code=the-code", TestContext.Current.CancellationToken);
        var me = await client.GetAsync("/me", TestContext.Current.CancellationToken);

        Assert.StartsWith("/signin?error=", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, me.StatusCode);
        Assert.Contains("/signin", me.Headers.Location!.ToString());
    }
}
