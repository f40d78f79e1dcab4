using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CrowdSite.Features.Projects.Live;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CrowdSite.Tests.Features.Projects.Live;

/// <summary>One viewer's stream: writes never wait for the viewer, a slow one gets the newest frame, a stalled one is dropped.</summary>
public sealed class LiveViewerTests
{
    [Fact]
    public async Task Offer_ToAReadingViewer_WritesEachNewerFrameOnce()
    {
        var (http, pipe) = Connection(pauseAt: 1 << 20);
        var viewer = new LiveViewer(http, lastSent: -1);

        viewer.Offer(Frame(1));
        viewer.Offer(Frame(1));
        viewer.Offer(Frame(2));
        pipe.Writer.Complete();

        Assert.Equal(["id: 1", "id: 2"], await IdsAsync(pipe));
        Assert.Equal(2, viewer.Sent);
    }

    [Fact]
    public async Task SlowViewer_SkipsWhatItMissed_AndGetsTheNewestFrameWhenItDrains()
    {
        var (http, pipe) = Connection(pauseAt: 64);
        var viewer = new LiveViewer(http, lastSent: -1);

        viewer.Offer(Frame(1)); // fills the pipe past its pause: the flush stays pending
        viewer.Offer(Frame(2)); // skipped while pending...
        viewer.Offer(Frame(3)); // ...and replaced by the newest
        Assert.Equal(1, viewer.Sent);

        var first = await pipe.Reader.ReadAsync(); // the viewer reads: the flush completes
        pipe.Reader.AdvanceTo(first.Buffer.End);
        await WaitUntilAsync(() => viewer.Sent == 3);
        var next = await pipe.Reader.ReadAsync();
        Assert.StartsWith("id: 3", Encoding.UTF8.GetString(next.Buffer.ToArray()));
    }

    [Fact]
    public async Task StalledViewer_IsDroppedAfterTheTimeout_WithoutHoldingUpTheWriter()
    {
        var (http, _) = Connection(pauseAt: 64);
        var aborted = false;
        http.Features.Set<IHttpRequestLifetimeFeature>(new Lifetime(() => aborted = true));
        var viewer = new LiveViewer(http, lastSent: -1, writeTimeout: TimeSpan.FromSeconds(1));

        viewer.Offer(Frame(1)); // never read: the flush stays pending
        viewer.Offer(Frame(2)); // returns (a writer that waited for this viewer would hang here)
        Assert.False(viewer.Ended.IsCompleted);

        await Task.Delay(1_500);
        viewer.Offer(Frame(3));

        Assert.True(viewer.Ended.IsCompleted, "a viewer that took nothing for the timeout is dropped");
        Assert.True(aborted, "its connection is aborted");
        Assert.Equal(1, viewer.Sent);
    }

    private static ProjectLiveFrame Frame(long version)
    {
        // 200 bytes: past the small pipes' pause threshold in one frame.
        var bytes = Encoding.UTF8.GetBytes($"id: {version}\nevent: change\ndata: {new string('x', 170)}\n\n");
        return new ProjectLiveFrame(version, version - 1, bytes, bytes);
    }

    private static (DefaultHttpContext Http, Pipe Pipe) Connection(long pauseAt)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: pauseAt, resumeWriterThreshold: pauseAt / 2, useSynchronizationContext: false));
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseBodyFeature>(new PipeBody(pipe.Writer));
        return (http, pipe);
    }

    private static async Task<List<string>> IdsAsync(Pipe pipe)
    {
        var text = new StringBuilder();
        while (true)
        {
            var read = await pipe.Reader.ReadAsync();
            text.Append(Encoding.UTF8.GetString(read.Buffer.ToArray()));
            pipe.Reader.AdvanceTo(read.Buffer.End);
            if (read.IsCompleted)
            {
                return text.ToString().Split('\n').Where(l => l.StartsWith("id: ", StringComparison.Ordinal)).ToList();
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    private sealed class PipeBody(PipeWriter writer) : IHttpResponseBodyFeature
    {
        public Stream Stream => writer.AsStream();
        public PipeWriter Writer => writer;
        public void DisableBuffering() { }
        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
        public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
        public Task CompleteAsync() => writer.CompleteAsync().AsTask();
    }

    private sealed class Lifetime(Action abort) : IHttpRequestLifetimeFeature
    {
        public CancellationToken RequestAborted { get; set; }
        public void Abort() => abort();
    }
}
