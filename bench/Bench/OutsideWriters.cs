using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

/// <summary>
/// The site's writers from outside, as a process of their own: the metering platform posting a charge, a donor
/// paying a simulated gift, and Stripe sending a signed webhook (its API faked by <see cref="FakeStripe"/>, served
/// here too). Each write is timed here, as its sender sees it. In the bench's own process the clock would stop
/// late whenever the thousands of viewers there are busy parsing a frame, and charge their work to the writer.
/// The bench asks for one write at a time (POST /bench/…) and gets its time in milliseconds.
/// </summary>
internal sealed class OutsideWriters : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _control = new() { Timeout = TimeSpan.FromSeconds(60) };

    private OutsideWriters(Process process, string url) => (_process, Url) = (process, url);

    /// <summary>This process's address: Stripe's API for the site (Stripe:ApiBase), and the bench's triggers.</summary>
    public string Url { get; }

    /// <summary>Runs this program again as "writers PORT SITE_URL METERING_KEY".</summary>
    public static async Task<OutsideWriters> StartAsync(int port, string siteUrl, string meteringKey)
    {
        var self = Environment.ProcessPath!;
        var args = Path.GetFileNameWithoutExtension(self) == "dotnet" ? new[] { typeof(OutsideWriters).Assembly.Location } : [];
        var start = new ProcessStartInfo(self, [.. args, "writers", port.ToString(System.Globalization.CultureInfo.InvariantCulture), siteUrl, meteringKey]);
        var writers = new OutsideWriters(Process.Start(start)!, $"http://127.0.0.1:{port}");
        BenchServer.AtNormalPriority(writers._process);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                await writers._control.GetAsync($"{writers.Url}/v1/payment_intents/pi_ready");
                return writers;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException("The bench's writers process did not come up.");
    }

    /// <summary>One charge of 1–3 cents through POST /api/v1/usage; the site need not be up yet when this process starts.</summary>
    public Task<double> ChargeAsync(string slug, string commitSha) => TimeAsync($"charge/{slug}/{commitSha}");

    /// <summary>A simulated gift as a donor makes it (see <see cref="Serve"/>); only the Pay post is timed.</summary>
    public Task<double> SimulatedPaymentAsync(string slug) => TimeAsync($"simulated/{slug}");

    /// <summary>A gift paid through Stripe; only the signed webhook is timed.</summary>
    public Task<double> StripePaymentAsync(string slug) => TimeAsync($"stripe/{slug}");

    private async Task<double> TimeAsync(string what)
    {
        using var answer = await _control.PostAsync($"{Url}/bench/{what}", null);
        answer.EnsureSuccessStatusCode();
        return await answer.Content.ReadFromJsonAsync<double>();
    }

    /// <summary>Serves the writers until the process is killed.</summary>
    public static async Task ServeAsync(int port, string siteUrl, string meteringKey)
    {
        using var site = new HttpClient { BaseAddress = new Uri(siteUrl), Timeout = TimeSpan.FromSeconds(60) };
        site.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", meteringKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapStripeApi();
        var charges = 0;
        app.MapPost("/bench/charge/{slug}/{sha}", async (string slug, string sha) =>
        {
            var i = Interlocked.Increment(ref charges);
            var at = DateTimeOffset.UtcNow.AddMinutes(-5);
            var body = new { charges = new[] { new { id = $"live-{Guid.NewGuid():N}", project = slug, commitSha = sha, resource = "compute", quantity = 1.0, unit = "vCPU-hours", amount = 1 + i % 3, currency = "USD", periodStart = at, periodEnd = at.AddMinutes(1) } } };
            var watch = Stopwatch.StartNew();
            (await site.PostAsJsonAsync("/api/v1/usage", body)).EnsureSuccessStatusCode();
            return Results.Json(watch.Elapsed.TotalMilliseconds);
        });
        app.MapPost("/bench/simulated/{slug}", async (string slug) => Results.Json(await SimulatedPaymentAsync(site.BaseAddress, slug)));
        app.MapPost("/bench/stripe/{slug}", async (string slug) => Results.Json(await FakeStripe.PayAsync(site, slug)));
        await app.RunAsync();
    }

    /// <summary>
    /// A simulated gift as a donor makes it: start it through the API, open the checkout page, press Pay (the form
    /// posts with its antiforgery token). Only the Pay post is timed: it is the write that records the gift.
    /// </summary>
    private static async Task<double> SimulatedPaymentAsync(Uri siteUrl, string slug)
    {
        using var cookies = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var donor = new HttpClient(cookies) { BaseAddress = siteUrl };
        var start = await donor.PostAsJsonAsync($"/api/v1/projects/{slug}/donations", new { amount = 500, currency = "USD" });
        start.EnsureSuccessStatusCode();
        var checkout = new Uri((await start.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("checkoutUrl").GetString()!).PathAndQuery;
        var page = await donor.GetStringAsync(checkout);
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "simulated-checkout",
            ["__RequestVerificationToken"] = token,
            ["Choice"] = "pay",
        });
        var watch = Stopwatch.StartNew();
        var paid = await donor.PostAsync(checkout, form);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (paid.StatusCode != HttpStatusCode.Redirect || paid.Headers.Location?.OriginalString.Contains("/receipts/") != true)
        {
            throw new InvalidOperationException($"The simulated payment did not go through: {(int)paid.StatusCode} {paid.Headers.Location}");
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        _control.Dispose();
        _process.Kill();
        await _process.WaitForExitAsync();
    }
}
