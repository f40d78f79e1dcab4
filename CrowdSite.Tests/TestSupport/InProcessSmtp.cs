using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CrowdSite.Tests.TestSupport;

/// <summary>A real SMTP server (the SmtpServer package) on a free loopback port, keeping what it receives.</summary>
public sealed class InProcessSmtp : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Store _store;
    private readonly Task _running;

    private InProcessSmtp(int port, int refuseFirst)
    {
        Port = port;
        _store = new Store(refuseFirst);
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Messages accepted, in order.</summary>
    public IReadOnlyList<MimeMessage> Received => [.. _store.Messages];

    /// <summary>Deliveries tried, refused ones included.</summary>
    public int Attempts => _store.Attempts;

    /// <param name="refuseFirst">How many deliveries to refuse (451, try again later) before accepting.</param>
    public static InProcessSmtp Start(int refuseFirst = 0) => new(FreePort(), refuseFirst);

    /// <summary>The settings that point the app at this server.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:From"] = "CrowdSite <alerts@crowdsite.test>",
        ["Email:Smtp:Security"] = "None",
    };

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (_store.Messages.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        Assert.True(_store.Messages.Count >= count, $"Expected {count} message(s), received {_store.Messages.Count}.");
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(int refuseFirst) : MessageStore
    {
        private int _attempts;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public int Attempts => Volatile.Read(ref _attempts);

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _attempts) <= refuseFirst)
            {
                return new SmtpResponse(SmtpReplyCode.Unavailable, "try again later");
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
