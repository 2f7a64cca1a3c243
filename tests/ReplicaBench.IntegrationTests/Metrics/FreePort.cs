using System.Net;
using System.Net.Sockets;

namespace ReplicaBench.IntegrationTests.Metrics;

/// <summary>A TCP port nothing listens on right now (the kernel's choice for an ephemeral bind).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
