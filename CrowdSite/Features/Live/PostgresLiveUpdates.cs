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

    /// <summary>True while this instance hears the others (for health and tests).</summary>
    public bool Listening { get; private set; }

    public long TotalVersion => local.TotalVersion;

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
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            try
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
                if (failures > 0)
                {
                    logger.LogInformation("Live updates: listening to other instances again");
                }

                failures = 0;
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
            {
                Listening = false;
                if (failures++ == 0)
                {
                    logger.LogWarning(e, "Live updates: lost the connection that hears other instances; pages are re-read every {Bound} ms until it is back", StaleBound.TotalMilliseconds);
                }
            }

            // Not hearing the others: treat everything as changed, often enough to keep the bound, until reconnected.
            var retryAt = TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * (1 << Math.Min(failures, 6))));
            for (var waited = TimeSpan.Zero; waited < retryAt && !ct.IsCancellationRequested; waited += StaleBound)
            {
                local.PublishAll();
                await Task.Delay(StaleBound, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

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
        NpgsqlConnection? connection = null;
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct))
            {
                while (_outgoing.Reader.TryRead(out var topic))
                {
                    pending.Add(topic); // a burst of publishes of one topic is one notification
                }

                try
                {
                    if (connection is null)
                    {
                        connection = new NpgsqlConnection(connectionString);
                        await connection.OpenAsync(ct);
                        _senderProcessId = connection.ProcessID;
                    }

                    await using var notify = new NpgsqlCommand($"SELECT pg_notify('{Channel}', t || ' ' || v) FROM unnest(@topics, @versions) AS x(t, v)", connection);
                    notify.Parameters.AddWithValue("topics", pending.ToArray());
                    notify.Parameters.AddWithValue("versions", pending.Select(t => local.VersionOf(new LiveTopic(t)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
                    await notify.ExecuteNonQueryAsync(ct);
                    pending.Clear();
                }
                catch (Exception e) when (e is NpgsqlException or System.IO.IOException or TimeoutException or InvalidOperationException)
                {
                    logger.LogWarning(e, "Live updates: could not notify other instances of {Count} change(s); retrying", pending.Count);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    await Task.Delay(StaleBound, ct);
                    _outgoing.Writer.TryWrite(pending.First()); // wake the loop again to retry what is pending
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
