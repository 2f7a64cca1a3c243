using System.Globalization;
using Npgsql;

namespace ReplicaBench.IntegrationTests.Poolers;

/// <summary>
/// Samples, every few milliseconds while a load runs, the two sides of a pooler: client connections
/// (established TCP connections accepted on the pooler's port, from /proc/net/tcp) and server
/// connections (client backends of the suite's user in pg_stat_activity, asked over a direct
/// connection that does not count itself). Keeps the peaks.
/// </summary>
internal sealed class ConnectionCounts
{
    public int PeakClients { get; private set; }

    public int PeakServerBackends { get; private set; }

    public async Task SampleUntilAsync(int poolerPort, string directConnectionString, Task until, CancellationToken cancellationToken)
    {
        await using var direct = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(directConnectionString) { Pooling = false }.ConnectionString);
        await direct.OpenAsync(cancellationToken);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE usename = current_user AND backend_type = 'client backend' AND pid <> pg_backend_pid()", direct);
        while (!until.IsCompleted)
        {
            PeakClients = Math.Max(PeakClients, EstablishedOn(poolerPort));
            PeakServerBackends = Math.Max(PeakServerBackends, (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!);
            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Established IPv4 connections whose local port is <paramref name="port"/>: the accepted side, one per client.</summary>
    internal static int EstablishedOn(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(f => f.Length > 3 && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "01");
    }
}
