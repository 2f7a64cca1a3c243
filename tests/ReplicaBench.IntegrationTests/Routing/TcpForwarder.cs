using System.Net;
using System.Net.Sockets;

namespace ReplicaBench.IntegrationTests.Routing;

/// <summary>
/// A loopback TCP forwarder standing in for a replica's address: closed (connections refused) until
/// started, able to cut every forwarded connection, and to make every new connection wait
/// (<see cref="ConnectDelay"/>). Lets tests make a replica unreachable, reachable again or slow to
/// connect to without stopping the shared servers.
/// </summary>
internal sealed class TcpForwarder(int listenPort, int targetPort) : IAsyncDisposable
{
    private readonly List<TcpClient> _clients = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;
    private Task? _acceptLoop;

    public int ListenPort { get; } = listenPort;

    /// <summary>How long each accepted connection waits before it is forwarded (a server slow to accept).</summary>
    public TimeSpan ConnectDelay { get; init; }

    public void Start()
    {
        _stop = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, ListenPort);
        _listener.Start();
        _acceptLoop = AcceptAsync(_listener, _stop.Token);
    }

    /// <summary>Closes every forwarded connection, as a server crash would; new connections are still accepted.</summary>
    public void DropConnections()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                // Linger 0 sends a reset, like a crashed server; a pump may have closed the socket already.
                if (client.Client is { Connected: true } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }

                client.Dispose();
            }

            _clients.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is null)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener!.Stop();
        _listener.Dispose();
        DropConnections();
        try
        {
            await _acceptLoop!;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            if (ConnectDelay > TimeSpan.Zero)
            {
                await Task.Delay(ConnectDelay, cancellationToken);
            }

            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, cancellationToken);
            lock (_clients)
            {
                _clients.Add(client);
                _clients.Add(upstream);
            }

            _ = PumpAsync(client, upstream, cancellationToken);
            _ = PumpAsync(upstream, client, cancellationToken);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException or InvalidOperationException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
