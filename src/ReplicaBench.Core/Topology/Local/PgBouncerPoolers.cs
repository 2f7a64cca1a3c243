using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Npgsql;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// One PgBouncer per node of a local topology (<c>topology up --pooler pgbouncer</c>), run as the
/// servers' OS user (PgBouncer refuses root), daemonized, its files in the data root. The nodes'
/// recorded endpoints become the poolers'; the direct server endpoints are kept in
/// <see cref="PoolerDetails"/>. Replication, base backups and readiness checks happen before the
/// poolers start, on the direct ports, so they never depend on the pooler.
/// </summary>
internal static class PgBouncerPoolers
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Starts a pooler in front of each node and returns the nodes re-pointed at them.</summary>
    public static async Task<(IReadOnlyList<TopologyNode> Nodes, PoolerDetails Pooler)> StartAsync(
        string executable, PgToolRunner runner, string dataRoot, IReadOnlyList<TopologyNode> nodes, CancellationToken cancellationToken)
    {
        var scramSecret = await ScramSecretAsync(nodes[0], cancellationToken);
        var ports = FreeTcpPorts.Take(nodes.Count);
        var started = await Task.WhenAll(nodes.Select((node, i) => StartOneAsync(executable, runner, dataRoot, node, ports[i], scramSecret, cancellationToken)));
        var pooled = started.Select(s => s.Node).ToList();
        var details = new PoolerDetails(
            PoolerNames.PgBouncer,
            PgBouncerConfig.DefaultPoolSize,
            started.ToDictionary(s => s.Node.Name, s => s.Pooled, StringComparer.Ordinal));
        return (pooled, details);
    }

    /// <summary>Stops the poolers recorded in <paramref name="pooler"/>; returns the pids that survived a kill.</summary>
    public static async Task<IReadOnlyList<int>> StopAsync(PoolerDetails? pooler, CancellationToken cancellationToken)
    {
        var pids = pooler?.Nodes.Values.Select(n => n.Pid).Where(p => p > 0).ToList() ?? [];
        if (pids.Count == 0)
        {
            return [];
        }

        // A pooler holds no data: killing it is as good as a clean stop, and immediate.
        LeftoverProcesses.Kill(pids.Where(LeftoverProcesses.IsAlive));
        return await LeftoverProcesses.WaitForExitAsync(pids, TimeSpan.FromSeconds(5), cancellationToken);
    }

    /// <summary>
    /// The suite user's SCRAM secret as the servers store it (the replicas have the same catalog).
    /// PgBouncer given this secret, not the password, checks a client's login with a few HMACs instead
    /// of a 4096-round key derivation per login (hundreds of virtual users log in at once), and logs
    /// in to the server with the keys the client's proof revealed.
    /// </summary>
    private static async Task<string> ScramSecretAsync(TopologyNode primary, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(primary.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var secret = new NpgsqlCommand("SELECT rolpassword FROM pg_authid WHERE rolname = current_user", connection);
        return (string)(await secret.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<(TopologyNode Node, PooledNode Pooled)> StartOneAsync(
        string executable, PgToolRunner runner, string dataRoot, TopologyNode node, int port, string scramSecret, CancellationToken cancellationToken)
    {
        var config = new PgBouncerConfig(port, node.Port, Path.Combine(dataRoot, "pgbouncer-" + node.Name));
        LocalDataRoot.WritePrivateFile(config.IniFile, config.Ini(), runner.OsUser);
        LocalDataRoot.WritePrivateFile(config.UserListFile, PgBouncerConfig.UserList(LocalTopologyProvider.UserName, scramSecret), runner.OsUser);

        // An absolute path as the tool name: PostgresBinaries.Tool combines it to itself.
        await runner.RunAsync(executable, ["-d", "-q", config.IniFile], cancellationToken);
        var pid = await WaitUntilListeningAsync(config, node.Name, cancellationToken);

        var pooledNode = node with { Port = port, ConnectionString = SessionPolicy.ForPooledEndpoint(WithPort(node.ConnectionString, port)) };
        return (pooledNode, new PooledNode(port, node.Port, node.ConnectionString, pid));
    }

    private static async Task<int> WaitUntilListeningAsync(PgBouncerConfig config, string node, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (ReadPid(config.PidFile) is { } pid && await AcceptsAsync(config.ListenPort, cancellationToken))
            {
                return pid;
            }

            if (waited.Elapsed > StartTimeout)
            {
                var log = File.Exists(config.LogFile) ? PgToolRunner.LastLines(await File.ReadAllTextAsync(config.LogFile, CancellationToken.None), 3) : "no pgbouncer log";
                throw new TopologyException($"pgbouncer for {node} did not start listening on 127.0.0.1:{config.ListenPort}: {log}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            var text = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : string.Empty;
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string WithPort(string connectionString, int port) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Port = port }.ConnectionString;
}
