using CrowdSite.Features.Live;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// <c>GET /p/{slug}/live</c>: the project page's live figures as server-sent events. Each open page holds one
/// such response (a subscription and a small loop, no circuit); on connect it gets the current frame unless
/// its <c>Last-Event-ID</c> is already current, so a page that lost its connection catches up at once.
/// </summary>
public static class ProjectLiveEndpoint
{
    /// <summary>A comment line now and then keeps proxies from closing a quiet stream.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(25);

    /// <summary>A viewer that has not taken a frame in this long has stopped reading: it is dropped, nobody waits for it.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private static readonly ReadOnlyMemory<byte> Preamble = "retry: 2000\n\n"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Ping = ": ping\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapProjectLive(this IEndpointRouteBuilder app)
    {
        // A part of the project page, not of the public API: kept out of the OpenAPI document.
        app.MapGet("/p/{slug}/live", StreamAsync).WithName("ProjectLive").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> StreamAsync(
        string slug, HttpContext http, ProjectPageService pages, ProjectLiveFeed feed, ILiveUpdates live,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        // The page's cached model, not a query: thousands of viewers arrive at once when a page is shared.
        if ((await pages.LoadAsync(slug, http.RequestAborted))?.Project is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        using var subscription = live.Subscribe(LiveTopic.Project(project.Id));
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // EventSource sends Last-Event-ID when it reconnects; a page reopening its stream passes ?since=.
        var lastSeen = http.Request.Headers["Last-Event-ID"].FirstOrDefault() ?? http.Request.Query["since"].FirstOrDefault();
        var sent = long.TryParse(lastSeen, out var seen) ? seen : -1;
        try
        {
            await SendAsync(response, Preamble, stop.Token);
            if (sent != live.VersionOf(subscription.Topic))
            {
                sent = await SendFrameAsync(response, feed, project, sent, stop.Token);
            }

            // Ends by cancellation (the viewer left, the server stops, a write timed out) or a closed subscription.
            while (await NextChangeAsync(subscription, stop.Token) is var next && next != false)
            {
                if (next == true)
                {
                    sent = await SendFrameAsync(response, feed, project, sent, stop.Token);
                }
                else
                {
                    await SendAsync(response, Ping, stop.Token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The viewer left, the server is stopping, or the viewer stopped reading and was dropped.
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            loggers.CreateLogger(typeof(ProjectLiveEndpoint)).LogDebug(ex, "A live stream of {Slug} ended", slug);
        }

        return Results.Empty;
    }

    /// <summary>True on a change, false when the subscription closed, null when the heartbeat is due.</summary>
    private static async Task<bool?> NextChangeAsync(LiveSubscription subscription, CancellationToken ct)
    {
        using var beat = CancellationTokenSource.CreateLinkedTokenSource(ct);
        beat.CancelAfter(Heartbeat);
        try
        {
            return (await subscription.NextAsync(beat.Token)).Open;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<long> SendFrameAsync(HttpResponse response, ProjectLiveFeed feed, Project project, long sent, CancellationToken ct)
    {
        if (await feed.FrameAsync(project) is not { } frame || frame.Version == sent)
        {
            return sent;
        }

        await SendAsync(response, frame.EventFor(sent), ct);
        return frame.Version;
    }

    /// <summary>Writes and flushes; a flush that the viewer does not drain within the timeout aborts its connection.</summary>
    private static async Task SendAsync(HttpResponse response, ReadOnlyMemory<byte> bytes, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await response.Body.WriteAsync(bytes, timeout.Token);
            await response.Body.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            response.HttpContext.Abort();
            throw;
        }
    }
}
