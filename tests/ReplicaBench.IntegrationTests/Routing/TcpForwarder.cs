using System.Net;
using System.Net.Sockets;

namespace ReplicaBench.IntegrationTests.Routing;

/// <summary>
/// A loopback TCP forwarder standing in for a replica's address: closed (connections refused) until
/// started, able to cut every forwarded connection, and to make every new connection wait
/// (<see cref="ConnectDelay"/>), or to stop answering (<see cref="Silent"/>). Lets tests make a replica
/// unreachable, reachable again, slow to connect to or silent without stopping the shared servers.
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

    /// <summary>
    /// While true nothing passes in either direction and new connections are accepted but not
    /// forwarded: the port answers TCP and nothing else, as a server behind a hung network path.
    /// What was held back passes once it is false again.
    /// </summary>
    public bool Silent
    {
        get => Volatile.Read(ref _silent);
        set => Volatile.Write(ref _silent, value);
    }

    private bool _silent;

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
                try
                {
                    if (client.Client is { Connected: true } socket)
                    {
                        socket.LingerState = new LingerOption(true, 0);
                    }
                }
                catch (ObjectDisposedException)
                {
                    // Its pump closed it between the check and the option.
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

            await WhileSilentAsync(cancellationToken);

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

    private async Task WhileSilentAsync(CancellationToken cancellationToken)
    {
        while (Silent)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[16 * 1024];
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await WhileSilentAsync(cancellationToken);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
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
