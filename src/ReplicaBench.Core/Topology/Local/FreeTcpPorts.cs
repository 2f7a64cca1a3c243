using System.Net;
using System.Net.Sockets;

namespace ReplicaBench.Topology.Local;

/// <summary>Free loopback ports, asked of the OS by binding port 0.</summary>
internal static class FreeTcpPorts
{
    public static int[] Take(int count)
    {
        // Hold every listener until all are chosen so the OS cannot hand the same port out twice.
        var listeners = new List<TcpListener>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
                listener.Dispose();
            }
        }
    }
}
