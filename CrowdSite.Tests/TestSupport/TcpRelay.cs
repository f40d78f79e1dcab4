using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CrowdSite.Tests.TestSupport;

/// <summary>
/// A loopback relay in front of a site that can cut every connection through it at once: what a browser sees when
/// its network drops for a moment. New connections after the cut go through again.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Uri _target;
    private readonly ConcurrentDictionary<TcpClient, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpRelay(string targetBaseUrl)
    {
        _target = new Uri(targetBaseUrl);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Closes every connection open through the relay, both sides.</summary>
    public void CutAll()
    {
        foreach (var client in _open.Keys)
        {
            try
            {
                client.Client?.LingerState = new LingerOption(true, 0); // a reset, as a lost network ends up as
            }
            catch (ObjectDisposedException)
            {
                // Closed by its own side meanwhile.
            }

            client.Dispose();
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient browserSide;
            try
            {
                browserSide = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(browserSide);
        }
    }

    private async Task RelayAsync(TcpClient browserSide)
    {
        using var siteSide = new TcpClient();
        _open[browserSide] = 0;
        _open[siteSide] = 0;
        try
        {
            await siteSide.ConnectAsync(_target.Host, _target.Port, _stop.Token);
            var up = browserSide.GetStream().CopyToAsync(siteSide.GetStream(), _stop.Token);
            var down = siteSide.GetStream().CopyToAsync(browserSide.GetStream(), _stop.Token);
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Cut, or closed by either side.
        }
        finally
        {
            _open.TryRemove(browserSide, out _);
            _open.TryRemove(siteSide, out _);
            browserSide.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CutAll();
        await _accepting;
        _stop.Dispose();
    }
}
