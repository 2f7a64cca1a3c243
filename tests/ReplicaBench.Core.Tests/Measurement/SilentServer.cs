using System.Net;
using System.Net.Sockets;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Measurement;

/// <summary>
/// A loopback port that accepts connections and never says a word, like a frozen server or one too
/// busy to answer: every connection attempt to it hangs in its startup. Counts the connections it accepted.
/// </summary>
internal sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _accepted = [];

    public SilentServer()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    var socket = await _listener.AcceptSocketAsync();
                    lock (_accepted)
                    {
                        _accepted.Add(socket);
                    }
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections were accepted so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    /// <summary>A node named <paramref name="name"/> on this port (connect timeout 30 s: only a caller's deadline ends an attempt sooner).</summary>
    public TopologyNode Node(string name, NodeRole role) =>
        new(name, role, "127.0.0.1", Port, $"Host=127.0.0.1;Port={Port};Username=nobody;Password=not-a-secret;Database=none;Timeout=30");

    public void Dispose()
    {
        _listener.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }
    }
}
