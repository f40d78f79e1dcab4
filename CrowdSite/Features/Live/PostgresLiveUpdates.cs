using System.Threading.Channels;
using Npgsql;

namespace CrowdSite.Features.Live;

/// <summary>
/// Live updates across instances through PostgreSQL's LISTEN/NOTIFY. A publish works locally at once (as
/// in-process) and is queued for a background sender, which NOTIFYs the channel with the topic and this instance's
/// counter (never money). Every instance LISTENs on its own connection and republishes what others send, so a
/// charge ingested on one instance moves the versions (and so the caches and open pages) of all of them.
/// While the listening connection is down, notifications may be missed: every topic is then published again each
/// <see cref="StaleBound"/>, so no instance serves a cached copy older than that, and once more on reconnecting.
/// </summary>
public sealed class PostgresLiveUpdates(InProcessLiveUpdates local, string connectionString, ILogger<PostgresLiveUpdates> logger)
    : BackgroundService, ILiveUpdates
{
    public const string Channel = "crowdsite_live";

    /// <summary>How stale a page may be while notifications cannot be trusted (issue 12's bound is 1 s).</summary>
    public static readonly TimeSpan StaleBound = TimeSpan.FromMilliseconds(500);

    private readonly Channel<string> _outgoing = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private volatile int _senderProcessId;
    private int _listenFailures;
    private NpgsqlConnection? _notifier;

    /// <summary>True while this instance hears the others (for health and tests).</summary>
    public bool Listening { get; private set; }

    public string Epoch => local.Epoch;

    public void Publish(LiveTopic topic)
    {
        local.Publish(topic);
        _outgoing.Writer.TryWrite(topic.Key);
    }

    public long VersionOf(LiveTopic topic) => local.VersionOf(topic);

    public LiveSubscription Subscribe(LiveTopic topic) => local.Subscribe(topic);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await ListenUntilLostAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsConnectionFailure(e))
            {
                Listening = false;
                if (_listenFailures++ == 0)
                {
                    logger.LogWarning(e, "Live updates: lost the connection that hears other instances; pages are re-read every {Bound} ms until it is back", StaleBound.TotalMilliseconds);
                }
            }

            await RepublishUntilRetryAsync(ct);
        }
    }

    /// <summary>LISTENs on a connection of its own and hears the others until that connection fails.</summary>
    private async Task ListenUntilLostAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        connection.Notification += OnNotification;
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        local.PublishAll(); // whatever others published before we listened
        Listening = true;
        if (_listenFailures > 0)
        {
            logger.LogInformation("Live updates: listening to other instances again");
        }

        _listenFailures = 0;
        while (true)
        {
            await connection.WaitAsync(ct);
        }
    }

    /// <summary>Not hearing the others: treats everything as changed, often enough to keep the bound, until it is time to reconnect.</summary>
    private async Task RepublishUntilRetryAsync(CancellationToken ct)
    {
        var retryAt = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * (1 << Math.Min(_listenFailures, 6))));
        for (var waited = TimeSpan.Zero; waited < retryAt && !ct.IsCancellationRequested; waited += StaleBound)
        {
            local.PublishAll();
            await Task.Delay(StaleBound, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException;

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.PID == _senderProcessId)
        {
            return; // our own, published locally already
        }

        var topic = e.Payload.Split(' ', 2)[0];
        local.Publish(new LiveTopic(topic));
    }

    private async Task SendAsync(CancellationToken ct)
    {
        var pending = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct))
            {
                while (_outgoing.Reader.TryRead(out var topic))
                {
                    pending.Add(topic); // a burst of publishes of one topic is one notification
                }

                await TryNotifyAsync(pending, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await CloseNotifierAsync();
        }
    }

    /// <summary>NOTIFYs the others of the pending topics, each with its version; on failure keeps them pending and wakes the sender to retry.</summary>
    private async Task TryNotifyAsync(HashSet<string> pending, CancellationToken ct)
    {
        try
        {
            if (_notifier is null)
            {
                _notifier = new NpgsqlConnection(connectionString);
                await _notifier.OpenAsync(ct);
                _senderProcessId = _notifier.ProcessID;
            }

            await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', t || ' ' || v) FROM unnest(@topics, @versions) AS x(t, v)", _notifier);
            notify.Parameters.AddWithValue("topics", pending.ToArray());
            notify.Parameters.AddWithValue("versions", pending.Select(t => local.VersionOf(new LiveTopic(t)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            await notify.ExecuteNonQueryAsync(ct);
            pending.Clear();
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            logger.LogWarning(e, "Live updates: could not notify other instances of {Count} change(s); retrying", pending.Count);
            await CloseNotifierAsync();
            await Task.Delay(StaleBound, ct);
            _outgoing.Writer.TryWrite(pending.First()); // wake the loop again to retry what is pending
        }
    }

    private async Task CloseNotifierAsync()
    {
        if (_notifier is not null)
        {
            await _notifier.DisposeAsync();
            _notifier = null;
        }
    }
}
