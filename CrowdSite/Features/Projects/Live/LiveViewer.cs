using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;

namespace CrowdSite.Features.Projects.Live;

/// <summary>
/// One open project page's event stream. Frames are written by the project's broadcast, not by a loop of the
/// viewer's own, so a change costs each viewer a copy into its response and no task of its own. A viewer still
/// draining an earlier frame is skipped, keeping only the newest frame for when it has drained (latest wins);
/// one that has drained nothing for <see cref="WriteTimeout"/> has stopped reading and is dropped.
/// </summary>
public sealed class LiveViewer(HttpContext http, long lastSent, TimeSpan? writeTimeout = null)
{
    /// <summary>A viewer that has taken no bytes for this long has stopped reading: it is dropped, nobody waits for it.</summary>
    public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(10);

    private readonly PipeWriter _writer = http.Response.BodyWriter;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Task _flushing = Task.CompletedTask;
    private long _flushingSince; // Stopwatch timestamp of the flush still pending; 0 when none is
    private ProjectLiveFrame? _waiting; // the newest frame offered while a flush was pending
    private long _sent = lastSent;
    private bool _closed;

    /// <summary>Completes when the viewer is dropped or its connection fails; the request then ends.</summary>
    public Task Ended => _ended.Task;

    /// <summary>The version of the last frame written.</summary>
    public long Sent
    {
        get
        {
            lock (_gate)
            {
                return _sent;
            }
        }
    }

    /// <summary>Writes the frame unless the viewer has it or a newer one already; never waits for the viewer.</summary>
    public void Offer(ProjectLiveFrame frame)
    {
        lock (_gate)
        {
            if (_closed || frame.Version <= _sent || !CanWrite())
            {
                if (!_closed && frame.Version > (_waiting?.Version ?? _sent))
                {
                    _waiting = frame;
                }

                return;
            }

            Write(frame.EventFor(_sent));
            _sent = frame.Version;
        }
    }

    /// <summary>Writes raw bytes (the heartbeat comment) when nothing is pending.</summary>
    public void Send(ReadOnlyMemory<byte> bytes)
    {
        lock (_gate)
        {
            if (!_closed && CanWrite())
            {
                Write(bytes);
            }
        }
    }

    /// <summary>Stops writing and waits for a pending flush, so the request can end without a writer racing it.</summary>
    public async Task CloseAsync()
    {
        Task flushing;
        lock (_gate)
        {
            _closed = true;
            flushing = _flushing;
        }

        await flushing;
    }

    /// <summary>True when no flush is pending; a flush pending past the timeout drops the viewer.</summary>
    private bool CanWrite()
    {
        if (_flushingSince == 0)
        {
            return true;
        }

        if (Stopwatch.GetElapsedTime(_flushingSince) > (writeTimeout ?? WriteTimeout))
        {
            _closed = true;
            http.Abort(); // the pending flush then fails and ends the request
            _ended.TrySetResult();
        }

        return false;
    }

    private void Write(ReadOnlyMemory<byte> bytes)
    {
        _writer.Write(bytes.Span);
        // The synchronous fast path reads a completed flush's result once; an incomplete one is awaited once, elsewhere.
#pragma warning disable CA2012
        var flush = _writer.FlushAsync();
#pragma warning restore CA2012
        if (flush.IsCompletedSuccessfully)
        {
            if (flush.Result.IsCompleted || flush.Result.IsCanceled)
            {
                End();
            }

            return;
        }

        _flushingSince = Math.Max(1, Stopwatch.GetTimestamp());
        _flushing = AwaitFlushAsync(flush);
    }

    /// <summary>The viewer is slow: when its flush completes, it gets the newest frame it missed meanwhile.</summary>
    private async Task AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        try
        {
            var result = await flush;
            if (result.IsCompleted || result.IsCanceled)
            {
                End();
                return;
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            End();
            return;
        }

        ProjectLiveFrame? waiting;
        lock (_gate)
        {
            _flushingSince = 0;
            (waiting, _waiting) = (_waiting, null);
        }

        if (waiting is not null)
        {
            Offer(waiting);
        }
    }

    private void End()
    {
        lock (_gate)
        {
            _closed = true;
        }

        _ended.TrySetResult();
    }
}
