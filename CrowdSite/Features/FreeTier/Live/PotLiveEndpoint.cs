using CrowdSite.Features.Live;
using CrowdSite.Features.Projects.Live;
using CrowdSite.Infrastructure.Http;

namespace CrowdSite.Features.FreeTier.Live;

/// <summary>
/// <c>GET /free-tier/live</c>: the free-tier page's live figures as server-sent events, the frames of
/// <see cref="PotLiveFeed"/>. Each open page waits on its own coalescing subscription to the books (a change
/// while it writes folds into the next one) and gets the newest frame; the frame is built once for all of them.
/// A page that reconnects with a current <c>Last-Event-ID</c> gets nothing until the next change.
/// </summary>
public static class PotLiveEndpoint
{
    public const string Path = "/free-tier/live";

    private static readonly ReadOnlyMemory<byte> Preamble = "retry: 2000\n\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Ping = ": ping\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapPotLive(this IEndpointRouteBuilder app)
    {
        // A part of the free-tier page, not of the public API: kept out of the OpenAPI document.
        app.MapGet(Path, StreamAsync).WithName("PotLive").RequireRateLimiting(RateLimits.LiveConnections).ExcludeFromDescription();
        return app;
    }

    private static async Task StreamAsync(HttpContext http, PotLiveFeed feed, ILiveUpdates live, IHostApplicationLifetime lifetime)
    {
        var response = ProjectLiveEndpoint.StartEventStream(http);
        var lastSeen = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["since"].FirstOrDefault();
        var sent = ProjectLiveFeed.TryParseEventId(lastSeen, live.Epoch, out var seen) && seen <= feed.Version ? seen : -1;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var changes = live.Subscribe(LiveTopic.Platform);
        try
        {
            await WriteAsync(response, Preamble, stop.Token);
            while (!stop.IsCancellationRequested)
            {
                if (sent != feed.Version && await feed.FrameAsync() is var (version, frame) && version > sent)
                {
                    await WriteAsync(response, frame, stop.Token);
                    sent = version;
                }

                switch (await ProjectLiveBroadcasts.NextChangeAsync(changes, stop.Token))
                {
                    case false:
                        return; // the subscription closed
                    case null:
                        await WriteAsync(response, Ping, stop.Token);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The page left, the server stops, or the page stopped reading (its write timed out).
        }
    }

    /// <summary>A write that a page which stopped reading cannot hold up for more than <see cref="LiveViewer.WriteTimeout"/>.</summary>
    private static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(LiveViewer.WriteTimeout);
        await response.Body.WriteAsync(bytes, timeout.Token);
        await response.Body.FlushAsync(timeout.Token);
    }
}
