using CrowdSite.Features.Live;
using CrowdSite.Infrastructure.Http;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// <c>GET /p/{slug}/live</c>: the project page's live figures as server-sent events. Each open page holds one
/// such response and a <see cref="LiveViewer"/> in the project's broadcast (no circuit, no loop of its own); on
/// connect it gets the current frame unless its <c>Last-Event-ID</c> is already current, so a page that lost
/// its connection catches up at once.
/// </summary>
public static class ProjectLiveEndpoint
{
    /// <summary>
    /// The kernel's send buffer of a live connection. Small and fixed (not auto-tuned up to megabytes): with
    /// Kestrel's own 64 KB it bounds what a viewer that stopped reading holds before its writes stall and it is dropped.
    /// </summary>
    public const int SocketSendBuffer = 64 * 1024;

    private static readonly ReadOnlyMemory<byte> Preamble = "retry: 2000\n\n"u8.ToArray();

    public static IEndpointRouteBuilder MapProjectLive(this IEndpointRouteBuilder app)
    {
        // A part of the project page, not of the public API: kept out of the OpenAPI document.
        app.MapGet("/p/{slug}/live", StreamAsync).WithName("ProjectLive").RequireRateLimiting(RateLimits.LiveConnections).ExcludeFromDescription();
        return app;
    }

    /// <summary>Makes the response an unbuffered, uncached event stream on a socket with a small, fixed send buffer.</summary>
    internal static HttpResponse StartEventStream(HttpContext http)
    {
        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: pass each event on at once
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        if (http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            socket.SendBufferSize = SocketSendBuffer;
        }

        return response;
    }

    private static async Task<IResult> StreamAsync(
        string slug, HttpContext http, ProjectPageService pages, ProjectLiveBroadcasts broadcasts, ILiveUpdates live,
        IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        // The page's cached model, not a query: thousands of viewers arrive at once when a page is shared.
        if ((await pages.LoadAsync(slug, http.RequestAborted))?.Project is not { } project)
        {
            return ApiProblems.ProjectNotFound(slug);
        }

        var response = StartEventStream(http);
        var sent = LastSeenVersion(http.Request, live, project.Id);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        if (!await TryWritePreambleAsync(response, stop.Token))
        {
            return Results.Empty;
        }

        await WatchAsync(broadcasts, project, new LiveViewer(http, sent), stop.Token);
        loggers.CreateLogger(typeof(ProjectLiveEndpoint)).LogDebug("A live stream of {Slug} ended", slug);
        return Results.Empty;
    }

    /// <summary>
    /// The version the page already shows, or -1 for a whole frame. EventSource sends Last-Event-ID when it reconnects;
    /// a page reopening its stream passes ?since=. An id of another epoch (from before a restart, or from another
    /// instance) is no version of ours.
    /// </summary>
    private static long LastSeenVersion(HttpRequest request, ILiveUpdates live, int projectId)
    {
        var lastSeen = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["since"].FirstOrDefault();
        return ProjectLiveFeed.TryParseEventId(lastSeen, live.Epoch, out var seen) && seen <= live.VersionOf(LiveTopic.Project(projectId)) ? seen : -1;
    }

    /// <summary>Written before the viewer joins the broadcast: from then on the broadcast is its only writer.</summary>
    private static async Task<bool> TryWritePreambleAsync(HttpResponse response, CancellationToken ct)
    {
        try
        {
            await response.Body.WriteAsync(Preamble, ct);
            await response.Body.FlushAsync(ct);
            return true;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            return false;
        }
    }

    /// <summary>Holds the viewer in the project's broadcast until it leaves, the server stops, or it stopped reading and was dropped.</summary>
    private static async Task WatchAsync(ProjectLiveBroadcasts broadcasts, Project project, LiveViewer viewer, CancellationToken stop)
    {
        broadcasts.Add(project, viewer);
        try
        {
            await viewer.Ended.WaitAsync(stop);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            broadcasts.Remove(project, viewer);
            await viewer.CloseAsync();
        }
    }
}
