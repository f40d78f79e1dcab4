using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using CrowdSite.Features.Metering;

/// <summary>
/// Live fan-out benchmark. Starts the demo as its own process (Release build, fresh SQLite file), opens N
/// viewers of /p/takahe's live stream the way a browser's EventSource connects (HTTP/1.1 GET, text/event-stream,
/// one socket each, read through a small chunked-transfer and SSE parser), posts charges through
/// POST /api/v1/usage at 10/s, and reports delivery latency, ingest time with and without viewers, server
/// memory per viewer (RSS growth ÷ N), a 1,000-charge burst and viewers that stop reading. A control site, which
/// never has a viewer, takes the same writes over the same seconds: its ratio is what the machine alone moves.
/// </summary>
internal static class LiveFanoutBenchmark
{
    /// <summary>How long payments are timed in each phase (300 at 10/s: a p95 of fewer moves with a handful of samples).</summary>
    private static readonly TimeSpan PaymentPhase = TimeSpan.FromSeconds(30);

    private const string Key = "cs_bench_live_key";
    private const string Slug = "takahe";
    private const int StalledViewers = 20;
    private const int Port = 5199;

    /// <summary>The control's port: the same demo, the same writes at the same moments, never a viewer (see <see cref="SideBySide"/>).</summary>
    private const int ControlPort = 5209;

    /// <summary>Both modes, or only one of them: <paramref name="only"/> = "simulated" or "stripe".</summary>
    /// <param name="postgres">For the "two-instances" mode: the PostgreSQL server (deploy/postgres.sh's connection string).</param>
    public static async Task RunAsync(string appDll, int viewers, int seconds, string? only = null, string? postgres = null)
    {
        // The viewers stand for browsers on other machines: on this one they share the server's two cores, so they
        // run at a lower priority (nice 10) and the server and the writers' process get the cores first, as they
        // would if the audience were elsewhere. The viewers' CPU is still printed.
        Process.GetCurrentProcess().PriorityClass = ProcessPriorityClass.BelowNormal;
        if (only is null or "simulated")
        {
            await SimulatedModeAsync(appDll, viewers, seconds);
        }

        if (only is null or "stripe")
        {
            await StripeModeAsync(appDll, viewers);
        }

        if (only is "two-instances")
        {
            await TwoInstancesAsync(appDll, viewers, seconds, postgres ?? throw new ArgumentException("The two-instances mode needs a PostgreSQL server."));
        }
    }

    /// <summary>
    /// Issue 12's scaled mode: two instances on one PostgreSQL database, the viewers on B, the charges posted to A.
    /// A change reaches B through the LISTEN/NOTIFY backplane; each charge moves B's version of the project by one
    /// (charges are 100 ms apart, each its own notification), so a frame's id names the newest charge it carries.
    /// </summary>
    private static async Task TwoInstancesAsync(string appDll, int viewers, int seconds, string postgres)
    {
        var database = await PostgresIngestBenchmark.CreateDatabaseAsync(postgres, "crowdsite_bench_live");
        var onPostgres = new Dictionary<string, string> { ["Database__Provider"] = "Postgres", ["ConnectionStrings__CrowdSite"] = database };
        await using var writers = await OutsideWriters.StartAsync(Port + 1, $"http://127.0.0.1:{Port}", Key);
        await using var a = await BenchServer.StartAsync(appDll, Port, Key, onPostgres); // seeds the demo
        await using var b = await BenchServer.StartAsync(appDll, Port + 2, Key, onPostgres);
        var sha = await CommitOfAsync(a.Http);
        Task<double> PostChargeAsync() => writers.ChargeAsync(Slug, sha);
        await PaceAsync(PostChargeAsync, perSecond: 10, TimeSpan.FromSeconds(15)); // warm-up, as above

        var open = await OpenViewersAsync(viewers, Port + 2);
        await Task.Delay(2_000);
        var versionBefore = open.Max(v => v.LastVersion);
        var postedAt = new ConcurrentDictionary<long, long>();
        var nextVersion = versionBefore;
        var sent = await PaceAsync(async () =>
        {
            var version = Interlocked.Increment(ref nextVersion);
            postedAt[version] = Stopwatch.GetTimestamp();
            return await PostChargeAsync();
        }, perSecond: 10, TimeSpan.FromSeconds(seconds));
        await Task.Delay(3_000);
        var finalVersion = Interlocked.Read(ref nextVersion);

        var (latencies, missed) = Delivery(open, versionBefore, postedAt, finalVersion);
        var (p95, max) = (Percentile(latencies, 0.95), latencies.LastOrDefault());
        Console.WriteLine();
        Console.WriteLine($"Two instances on PostgreSQL: {viewers:N0} viewers on B, {sent.Count} charges posted to A at 10/s");
        Console.WriteLine($"  delivery latency (POST sent to A -> viewer on B has the frame): p50 {Percentile(latencies, 0.5):0} ms, p95 {p95:0} ms, max {max:0} ms   (goal p95 <= 1000: {(p95 <= 1000 ? "met" : "NOT met")})");
        Console.WriteLine($"  ingest on A p95 {Percentile(sent, 0.95):0.0} ms; viewers whose last frame is not the final state: {missed} (a version B skipped would show here)");
        foreach (var v in open)
        {
            await v.DisposeAsync();
        }
    }

    /// <summary>The demo as it runs without keys: ingest and simulated payments, delivery, memory, burst, stalled viewers.</summary>
    private static async Task SimulatedModeAsync(string appDll, int viewers, int seconds)
    {
        await using var site = await SiteWithWriters.StartAsync(appDll, Port, stripe: false);
        await using var control = await SiteWithWriters.StartAsync(appDll, ControlPort, stripe: false);
        var (writers, server) = (site.Writers, site.Server);
        var sha = await CommitOfAsync(server.Http);
        var controlSha = await CommitOfAsync(control.Server.Http);
        Task<double> PostChargeAsync() => writers.ChargeAsync(Slug, sha);
        var charges = new SideBySide(PostChargeAsync, () => control.Writers.ChargeAsync(Slug, controlSha));
        var gifts = new SideBySide(() => writers.SimulatedPaymentAsync(Slug), () => control.Writers.SimulatedPaymentAsync(Slug));

        // Warm up at the measured pace until the JIT's second tier has compiled the hot paths (the first seconds run slower).
        await charges.PaceAsync(perSecond: 10, TimeSpan.FromSeconds(15));
        await gifts.PaceAsync(perSecond: 5, TimeSpan.FromSeconds(15));
        await using (var warm = await Viewer.OpenAsync(Port, Slug))
        {
            await warm.WaitForEventsAsync(1, TimeSpan.FromSeconds(10));
        }

        // Writers without viewers are timed before and after the viewers (half each), so a drift over the run
        // (the JIT's late tiers, the database growing) weighs on both sides of the ratio alike.
        var idleBefore = await charges.PaceAsync(perSecond: 10, PaymentPhase / 2);
        var idleGiftsBefore = await gifts.PaceAsync(perSecond: 10, PaymentPhase / 2);
        await Task.Delay(2_000);
        var rssBefore = RssKb(server.Process.Id);

        var open = await OpenViewersAsync(viewers);
        var stalled = await Task.WhenAll(Enumerable.Range(0, StalledViewers).Select(_ => Viewer.OpenAsync(Port, Slug, read: false)));
        await Task.Delay(5_000); // let the GC settle
        var rssOpen = RssKb(server.Process.Id);
        await WarmWithViewersAsync(charges);

        // Changes at 10/s; each publish moves the project's version by one, so a frame's id names the newest charge it carries.
        var versionBefore = open[0].LastVersion;
        var (serverCpu, clientCpu, cpuWatch) = (CpuOf(server.Process), CpuOf(Process.GetCurrentProcess()), Stopwatch.StartNew());
        var postedAt = new ConcurrentDictionary<long, long>();
        var nextVersion = versionBefore;
        var busy = await (charges with
        {
            OnSite = async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                var version = Interlocked.Increment(ref nextVersion);
                postedAt[version] = sent;
                return await PostChargeAsync();
            },
        }).PaceAsync(perSecond: 10, TimeSpan.FromSeconds(seconds));
        var cpuSeconds = cpuWatch.Elapsed.TotalSeconds;
        (serverCpu, clientCpu) = ((CpuOf(server.Process) - serverCpu) / cpuSeconds, (CpuOf(Process.GetCurrentProcess()) - clientCpu) / cpuSeconds);
        await Task.Delay(3_000);
        var finalVersion = Interlocked.Read(ref nextVersion);

        var (latencies, missed) = Delivery(open, versionBefore, postedAt, finalVersion);
        var framesPerViewer = open.Average(v => v.Events.Count(e => e.Version > versionBefore));

        // Simulated payments while the viewers watch (each one a change they receive).
        var busyGifts = await gifts.PaceAsync(perSecond: 10, PaymentPhase);
        await Task.Delay(2_000);

        // A burst: 1,000 charges within about a second (10 senders), then count what each viewer received for it.
        var eventsBefore = open.Select(v => v.Events.Count).ToArray();
        var burstWatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            for (var i = 0; i < 100; i++)
            {
                await PostChargeAsync();
            }
        }));
        var burstSeconds = burstWatch.Elapsed.TotalSeconds;
        await Task.Delay(3_000);
        var burstFrames = open.Select((v, i) => v.Events.Count - eventsBefore[i]).ToList();

        var dropped = 0;
        foreach (var s in stalled)
        {
            dropped += await s.WasDroppedAsync() ? 1 : 0;
        }

        foreach (var v in open.Concat(stalled))
        {
            await v.DisposeAsync();
        }

        await Task.Delay(3_000);
        var idleGiftsAfter = await gifts.PaceAsync(perSecond: 10, PaymentPhase / 2);
        var idleAfter = await charges.PaceAsync(perSecond: 10, PaymentPhase / 2);

        var rssPerViewer = (rssOpen - rssBefore) * 1024.0 / viewers;
        Console.WriteLine();
        Console.WriteLine($"Live fan-out, {viewers:N0} viewers of one project, charges at 10/s for {seconds} s (one instance, SQLite, demo data)");
        Console.WriteLine($"  delivery latency (POST sent -> viewer has the frame): p50 {Percentile(latencies, 0.5):0} ms, p95 {Percentile(latencies, 0.95):0} ms, max {latencies.LastOrDefault():0} ms   (goal p95 <= 1000, max <= 2000: {(Percentile(latencies, 0.95) <= 1000 && latencies.LastOrDefault() <= 2000 ? "met" : "NOT met")})");
        Console.WriteLine($"  frames per viewer: {framesPerViewer:0.0} for {seconds * 10} charges (coalesced); viewers that missed the final state: {missed}");
        PrintRatio("ingest (POST /api/v1/usage)", idleBefore, idleAfter, busy, viewers);
        PrintRatio("simulated payment (the checkout's Pay form)", idleGiftsBefore, idleGiftsAfter, busyGifts, viewers);
        Console.WriteLine($"  CPU while charges flowed: server {serverCpu:0.00} cores, these viewers {clientCpu:0.00} cores (of {Environment.ProcessorCount})");
        Console.WriteLine($"  server memory: RSS {rssBefore / 1024.0:0} MB -> {rssOpen / 1024.0:0} MB, {rssPerViewer / 1024:0.0} KB per viewer   (goal <= 100 KB: {(rssPerViewer <= 100 * 1024 ? "met" : "NOT met")})");
        Console.WriteLine($"  burst: 1,000 charges in {burstSeconds:0.0} s -> frames per viewer: max {burstFrames.Max()}, median {burstFrames.Order().ElementAt(burstFrames.Count / 2)}");
        Console.WriteLine($"  viewers that stopped reading: {dropped} of {StalledViewers} dropped by the server");
    }

    /// <summary>The site with Stripe keys against a local fake of Stripe's API: signed checkout.session.completed webhooks.</summary>
    private static async Task StripeModeAsync(string appDll, int viewers)
    {
        await using var site = await SiteWithWriters.StartAsync(appDll, Port, stripe: true);
        await using var control = await SiteWithWriters.StartAsync(appDll, ControlPort, stripe: true);
        var webhooks = new SideBySide(() => site.Writers.StripePaymentAsync(Slug), () => control.Writers.StripePaymentAsync(Slug));

        await webhooks.PaceAsync(perSecond: 5, TimeSpan.FromSeconds(15)); // warm up, as above
        var idleBefore = await webhooks.PaceAsync(perSecond: 10, PaymentPhase / 2); // and as much after the viewers (see above)
        var open = await OpenViewersAsync(viewers);
        await WarmWithViewersAsync(webhooks);
        var before = open.Select(v => v.Events.Count).ToArray();
        var busy = await webhooks.PaceAsync(perSecond: 10, PaymentPhase);
        await Task.Delay(2_000);
        var received = open.Where((v, i) => v.Events.Count > before[i]).Count();
        foreach (var v in open)
        {
            await v.DisposeAsync();
        }

        await Task.Delay(3_000);
        var idleAfter = await webhooks.PaceAsync(perSecond: 10, PaymentPhase / 2);
        Console.WriteLine();
        Console.WriteLine($"Stripe mode (Stripe's API faked by a process of the bench), {viewers:N0} viewers, webhooks at 10/s for {PaymentPhase.TotalSeconds:0} s");
        PrintRatio("Stripe webhook (signed checkout.session.completed)", idleBefore, idleAfter, busy, viewers);
        Console.WriteLine($"  viewers that received the webhooks' gifts: {received:N0} of {viewers:N0}");
    }

    /// <summary>
    /// Writes for 10 s, untimed, once the viewers are open, as the writers were warmed up before them: the fan-out's
    /// code reaches the JIT's second tier, and the GC promotes 5,000 new connections (gen1 pauses of ~70 ms) before
    /// the timing starts. Both sides of a ratio are then a steady state.
    /// </summary>
    private static async Task WarmWithViewersAsync(SideBySide write)
    {
        await write.PaceAsync(perSecond: 10, TimeSpan.FromSeconds(10));
        await Task.Delay(2_000); // every viewer holds the last of these frames: the timed phase's versions start from it
    }

    /// <summary>
    /// The ratio of p95s: with viewers, and without them before and after them together (each list comes sorted from
    /// PaceAsync). The control's ratio over the same seconds follows: a site with no viewers at all, so what moves it
    /// is the machine (its slow spells, and the cores the fan-out and the viewers take), not readers in its process.
    /// </summary>
    private static void PrintRatio(string writer, Timed idleBefore, Timed idleAfter, Timed busy, int viewers)
    {
        List<double> idle = [.. idleBefore.OnSite.Concat(idleAfter.OnSite).Order()];
        List<double> controlIdle = [.. idleBefore.OnControl.Concat(idleAfter.OnControl).Order()];
        var (idleP95, busyP95) = (Percentile(idle, 0.95), Percentile(busy.OnSite, 0.95));
        var (controlIdleP95, controlBusyP95) = (Percentile(controlIdle, 0.95), Percentile(busy.OnControl, 0.95));
        Console.WriteLine($"  {writer} p95: {idleP95:0.0} ms with no viewers, {busyP95:0.0} ms with {viewers:N0}; ratio {busyP95 / idleP95:0.00}   (goal <= 1.25: {(busyP95 / idleP95 <= 1.25 ? "met" : "NOT met")})");
        Console.WriteLine($"    without / with viewers: p50 {Percentile(idle, 0.5):0.0} / {Percentile(busy.OnSite, 0.5):0.0} ms, p90 {Percentile(idle, 0.9):0.0} / {Percentile(busy.OnSite, 0.9):0.0} ms, p99 {Percentile(idle, 0.99):0.0} / {Percentile(busy.OnSite, 0.99):0.0} ms; "
            + $"p95 before the viewers {Percentile(idleBefore.OnSite, 0.95):0.0} ms, after them {Percentile(idleAfter.OnSite, 0.95):0.0} ms ({idle.Count} / {busy.OnSite.Count} samples)");
        Console.WriteLine($"    control (a second site that never has a viewer, the same writes over the same seconds): p95 {controlIdleP95:0.0} ms, then {controlBusyP95:0.0} ms; ratio {controlBusyP95 / controlIdleP95:0.00}; "
            + $"p95 before {Percentile(idleBefore.OnControl, 0.95):0.0} ms, after {Percentile(idleAfter.OnControl, 0.95):0.0} ms");
    }

    private static async Task<List<Viewer>> OpenViewersAsync(int viewers, int port = Port)
    {
        Console.WriteLine($"Opening {viewers:N0} viewers of /p/{Slug}/live on port {port} ...");
        var open = new List<Viewer>(viewers);
        var watch = Stopwatch.StartNew();
        for (var batch = 0; batch < viewers; batch += 250)
        {
            var count = Math.Min(250, viewers - batch);
            open.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Viewer.OpenAsync(port, Slug))));
        }

        await Task.WhenAll(open.Select(v => v.WaitForEventsAsync(1, TimeSpan.FromSeconds(60))));
        Console.WriteLine($"  all connected and holding their first frame in {watch.Elapsed.TotalSeconds:0.0} s");
        return open;
    }

    private static async Task<string> CommitOfAsync(HttpClient http)
    {
        var page = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/projects/{Slug}/ledger?limit=5000");
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("commitSha")).Last(s => s.ValueKind == System.Text.Json.JsonValueKind.String).GetString()!;
    }

    /// <summary>
    /// Each viewer's delay for each change, from its POST to the first frame that carries it (ascending), and how many
    /// viewers lack the final version. A frame carries every change up to its version, so a change coalesced into a
    /// later frame counts until that frame arrives, not only the newest change of each frame.
    /// </summary>
    private static (List<double> Latencies, int Missed) Delivery(
        List<Viewer> open, long versionBefore, ConcurrentDictionary<long, long> postedAt, long finalVersion)
    {
        var posted = postedAt.Where(p => p.Key > versionBefore).OrderBy(p => p.Key).ToList();
        var latencies = new List<double>(posted.Count * open.Count);
        foreach (var viewer in open)
        {
            var frames = viewer.Events.Where(e => e.Version > versionBefore).ToList(); // as received: versions ascend
            var next = 0;
            foreach (var (version, sentAt) in posted)
            {
                while (next < frames.Count && frames[next].Version < version)
                {
                    next++;
                }

                if (next < frames.Count)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sentAt, frames[next].At).TotalMilliseconds);
                }
            }
        }

        latencies.Sort();
        return (latencies, open.Count(v => v.LastVersion != finalVersion));
    }

    /// <summary>
    /// A write timed on the site and, side by side, on the control: a second site started the same way, which never has
    /// a viewer and takes the same writes at the same pace, each half a period after the site's. Both share the
    /// machine, so a slow spell of the machine (this VM has some, viewers or not) shows in both over the same seconds.
    /// </summary>
    private sealed record SideBySide(Func<Task<double>> OnSite, Func<Task<double>> OnControl)
    {
        public async Task<Timed> PaceAsync(int perSecond, TimeSpan duration)
        {
            var site = LiveFanoutBenchmark.PaceAsync(OnSite, perSecond, duration);
            await Task.Delay(TimeSpan.FromSeconds(0.5 / perSecond));
            var control = LiveFanoutBenchmark.PaceAsync(OnControl, perSecond, duration);
            return new Timed(await site, await control);
        }
    }

    /// <summary>A phase's times in ms, ascending: on the site and on the control over the same seconds.</summary>
    private sealed record Timed(List<double> OnSite, List<double> OnControl);

    /// <summary>
    /// A fresh demo and its writers' process (which also fakes Stripe's API; with <paramref name="stripe"/> the site
    /// is configured against it). Disposed in the reverse order: the site, then its writers.
    /// </summary>
    private sealed record SiteWithWriters(OutsideWriters Writers, BenchServer Server) : IAsyncDisposable
    {
        public static async Task<SiteWithWriters> StartAsync(string appDll, int port, bool stripe)
        {
            var writers = await OutsideWriters.StartAsync(port + 1, $"http://127.0.0.1:{port}", Key);
            try
            {
                return new(writers, await BenchServer.StartAsync(appDll, port, Key, stripe ? new()
                {
                    ["Stripe__SecretKey"] = "sk_test_bench",
                    ["Stripe__WebhookSecret"] = FakeStripe.WebhookSecret,
                    ["Stripe__ApiBase"] = writers.Url,
                } : new()));
            }
            catch
            {
                await writers.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Server.DisposeAsync();
            await Writers.DisposeAsync();
        }
    }

    /// <summary>Calls <paramref name="send"/> at a steady pace and gives each call's time in ms.</summary>
    private static async Task<List<double>> PaceAsync(Func<Task<double>> send, int perSecond, TimeSpan duration)
    {
        var times = new ConcurrentBag<double>();
        var pending = new List<Task>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; watch.Elapsed < duration; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / perSecond);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }

            pending.Add(Task.Run(async () => times.Add(await send())));
        }

        await Task.WhenAll(pending);
        return [.. times.Order()];
    }

    /// <summary>The p-quantile of an ascending list (PaceAsync and the latencies come sorted).</summary>
    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double CpuOf(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    private static long RssKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))["VmRSS:".Length..].Trim().Split(' ')[0],
            CultureInfo.InvariantCulture);

    /// <summary>One EventSource-like viewer on a raw socket: HTTP/1.1, chunked transfer, SSE events.</summary>
    private sealed class Viewer : IAsyncDisposable
    {
        private readonly Socket _socket;
        private readonly Task? _reading;
        private readonly byte[] _head = new byte[32];
        private int _headLength;
        private int _lineLength;
        private long _pendingId = -1;

        private Viewer(Socket socket, bool read)
        {
            _socket = socket;
            _reading = read ? ReadAsync() : null;
        }

        public List<(long Version, long At)> Events { get; } = [];

        public long LastVersion { get; private set; } = -1;

        public static async Task<Viewer> OpenAsync(int port, string slug, bool read = true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (!read)
            {
                socket.ReceiveBufferSize = 4096; // a viewer that stops reading fills this at once
            }

            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            var request = $"GET /p/{slug}/live HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request));
            return new Viewer(socket, read);
        }

        public async Task WaitForEventsAsync(int count, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (Events.Count < count)
            {
                if (watch.Elapsed > timeout)
                {
                    throw new TimeoutException("A viewer got no frame.");
                }

                await Task.Delay(50);
            }
        }

        /// <summary>True when the server has closed or reset the connection of a viewer that never read.</summary>
        public async Task<bool> WasDroppedAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                while (await _socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
                {
                }

                return true; // read to the end: the server closed it
            }
            catch (SocketException)
            {
                return true; // reset by the server
            }
            catch (OperationCanceledException)
            {
                return false; // still open
            }
        }

        /// <summary>Reads the response: headers, then chunked transfer ("&lt;hex size&gt;\r\n&lt;data&gt;\r\n"), the data fed to the SSE parser.</summary>
        private async Task ReadAsync()
        {
            var buffer = new byte[64 * 1024];
            var length = 0;
            var inHeaders = true;
            var chunkLeft = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    var n = await _socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None);
                    if (n == 0)
                    {
                        return;
                    }

                    length += n;
                    var at = Stopwatch.GetTimestamp();
                    var pos = 0;
                    if (inHeaders)
                    {
                        var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
                        if (end < 0)
                        {
                            continue;
                        }

                        (pos, inHeaders) = (end + 4, false);
                    }

                    while (pos < length)
                    {
                        if (chunkLeft == 0)
                        {
                            var lineEnd = buffer.AsSpan(pos, length - pos).IndexOf("\r\n"u8);
                            if (lineEnd < 0)
                            {
                                break;
                            }

                            var size = buffer.AsSpan(pos, lineEnd);
                            pos += lineEnd + 2;
                            if (size.IsEmpty)
                            {
                                continue; // the CRLF after a chunk's data
                            }

                            // The last chunk (size 0) ends the stream; so does a size that is not hex.
                            if (!System.Buffers.Text.Utf8Parser.TryParse(size, out chunkLeft, out _, 'x') || chunkLeft == 0)
                            {
                                return;
                            }
                        }

                        var take = Math.Min(chunkLeft, length - pos);
                        Feed(buffer.AsSpan(pos, take), at);
                        pos += take;
                        chunkLeft -= take;
                    }

                    buffer.AsSpan(pos, length - pos).CopyTo(buffer);
                    length -= pos;
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
            }
        }

        /// <summary>SSE lines: an <c>id:</c> line names the event, a blank line ends it. Only a line's start is kept.</summary>
        private void Feed(ReadOnlySpan<byte> data, long at)
        {
            while (!data.IsEmpty)
            {
                var newline = data.IndexOf((byte)'\n');
                var segment = newline < 0 ? data : data[..newline];
                var room = Math.Min(segment.Length, _head.Length - _headLength);
                segment[..room].CopyTo(_head.AsSpan(_headLength));
                _headLength += room;
                _lineLength += segment.Length;
                if (newline < 0)
                {
                    return;
                }

                EndLine(at);
                data = data[(newline + 1)..];
            }
        }

        private void EndLine(long at)
        {
            var head = _head.AsSpan(0, _headLength);
            if (_lineLength == 0 && _pendingId >= 0)
            {
                Events.Add((_pendingId, at));
                LastVersion = _pendingId;
                _pendingId = -1;
            }
            else if (head.StartsWith("id: "u8) && _lineLength == _headLength)
            {
                var id = head[4..]; // epoch.version
                if (!System.Buffers.Text.Utf8Parser.TryParse(id[(id.IndexOf((byte)'.') + 1)..], out _pendingId, out _))
                {
                    _pendingId = -1; // not an event this benchmark sent: nothing to record
                }
            }

            (_headLength, _lineLength) = (0, 0);
        }

        public async ValueTask DisposeAsync()
        {
            _socket.Dispose();
            if (_reading is not null)
            {
                await _reading;
            }
        }
    }
}
