using System.Globalization;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Poolers;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// The embedded default: a throwaway primary and N asynchronous streaming replicas made from this
/// machine's PostgreSQL binaries, on loopback. Replicas are cloned with
/// <c>pg_basebackup -R</c>, one physical replication slot each, <c>application_name</c> = the
/// replica's name. Everything lives under one data root in the temp folder, removed on down. With a
/// <see cref="NodeBudget"/>, each server runs in its own cgroup (<see cref="ServerCgroups"/>), removed on down.
/// </summary>
/// <param name="timeProvider">Clock for the topology's creation time.</param>
/// <param name="dataRootParent">Where data roots are made; null: <c>$REPLICABENCH_DATA_DIR</c>, else the temp folder.</param>
public sealed class LocalTopologyProvider(TimeProvider timeProvider, string? dataRootParent = null) : ITopologyProvider
{
    public const string ProviderName = "local";

    /// <summary>The superuser the suite connects as; its password is generated per topology.</summary>
    public const string UserName = SuiteLogin.UserName;

    /// <summary>The database the suite works in (created on the primary before replicas are cloned).</summary>
    public const string DatabaseName = "replicabench";

    /// <summary>Overrides where data roots are made (default: the temp folder).</summary>
    public const string DataRootEnvironmentVariable = "REPLICABENCH_DATA_DIR";

    public LocalTopologyProvider()
        : this(TimeProvider.System)
    {
    }

    public string Name => ProviderName;

    /// <summary>Refuses, with one line, a budget this machine's cgroups cannot enforce (not root, no writable cgroup).</summary>
    /// <exception cref="BadInputException">The budget cannot be enforced here.</exception>
    public static void EnsureBudgetSupported(NodeBudget budget) => ServerCgroups.Check(budget);

    public async Task<TopologyDescriptor> UpAsync(TopologyRequest request, string workDirectory, CancellationToken cancellationToken)
    {
        var pgbouncer = LocatePooler(request.Pooler);
        var binaries = PostgresBinaries.Locate();
        var osUser = ServerOsUser.Resolve();
        var cgroups = ServerCgroups.Check(request.Budget);
        var runner = new PgToolRunner(binaries, osUser);
        var dataRoot = LocalDataRoot.Create(dataRootParent, osUser);
        var started = new List<string>();
        var emulated = new List<EmulatedNode>();
        try
        {
            if (cgroups is not null)
            {
                ServerCgroups.Create(cgroups, request, LocalDataRoot.TopologyId(dataRoot), emulated);
            }

            var tls = LocalServerTls.Prepare(request.Tls, timeProvider.GetUtcNow(), workDirectory, dataRoot, osUser);
            return await StartAsync(request, binaries, runner, dataRoot, tls, pgbouncer, started, emulated, cancellationToken);
        }
        catch
        {
            // A failed or cancelled up leaves nothing behind: no server, no directory, no cgroup, no CA.
            await RemoveAsync(runner, dataRoot, started, CancellationToken.None);
            if (request.Tls)
            {
                TopologyTlsFiles.DeleteCa(workDirectory);
            }

            await RemoveCgroupsAfterFailureAsync(emulated);
            throw;
        }
    }

    public async Task DownAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var local = topology.Local
            ?? throw new TopologyException("topology.json has no 'local' section; it was not made by the local provider.");
        var binaries = PostgresBinaries.Locate(local.BinDirectory, null, "/nonexistent");
        var runner = new PgToolRunner(binaries, local.OsUser);

        // Poolers first, so none of them keeps reconnecting to a server going away.
        var poolerSurvivors = await PgBouncerPoolers.StopAsync(topology.Pooler, cancellationToken);
        await RemoveAsync(runner, local.DataRoot, [.. topology.Nodes.Select(n => n.Name)], cancellationToken);

        var pids = local.PostmasterPids.Values.Where(p => p > 0).ToList();
        var survivors = await LeftoverProcesses.WaitForExitAsync(pids, TimeSpan.FromSeconds(5), cancellationToken);
        if (poolerSurvivors.Count > 0)
        {
            throw new TopologyException($"pgbouncer process(es) {string.Join(", ", poolerSurvivors)} survived 'kill -9'; stop them by hand.");
        }

        // From topology.json, so a down after a killed run removes the groups too.
        await ServerCgroups.RemoveAsync(topology.Emulation?.Nodes, cancellationToken);
        if (survivors.Count > 0)
        {
            throw new TopologyException($"postmaster process(es) {string.Join(", ", survivors)} survived shutdown; stop them with 'kill -9'.");
        }
    }

    /// <summary>The pgbouncer executable when <paramref name="pooler"/> asks for one; refuses a pooler this provider cannot start.</summary>
    private static string? LocatePooler(PoolerKind pooler) => pooler switch
    {
        PoolerKind.None => null,
        PoolerKind.PgBouncer => PgBouncerBinary.Locate(),
        _ => throw new BadInputException(
            $"--pooler {PoolerNames.Name(pooler)} cannot be started by --provider local; use --pooler {PoolerNames.PgBouncer}, or name an existing pooler's endpoints with --provider external."),
    };

    private async Task<TopologyDescriptor> StartAsync(
        TopologyRequest request,
        PostgresBinaries binaries,
        PgToolRunner runner,
        string dataRoot,
        TopologyTlsDetails? tls,
        string? pgbouncer,
        List<string> started,
        IReadOnlyList<EmulatedNode> emulated,
        CancellationToken cancellationToken)
    {
        var password = SuiteLogin.GeneratePassword();
        var ports = FreeTcpPorts.Take(1 + request.Replicas);
        var primaryDir = Path.Combine(dataRoot, "primary");

        // initdb reads the password from a file so it never appears in an argument list.
        var passwordFile = Path.Combine(dataRoot, ".pwfile");
        LocalDataRoot.WritePrivateFile(passwordFile, password, runner.OsUser);
        try
        {
            await runner.RunAsync(
                "initdb",
                ["-D", primaryDir, "-U", UserName, $"--pwfile={passwordFile}", "--auth=scram-sha-256",
                 "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllTextAsync(Path.Combine(primaryDir, "postgresql.conf"), LocalServerSettings.ForPrimary(ports[0], tls is null ? null : dataRoot, request.MaxConnections), cancellationToken);
        await StartServerAsync(runner, dataRoot, "primary", started, emulated, cancellationToken);

        var primaryNode = new TopologyNode("primary", NodeRole.Primary, "127.0.0.1", ports[0], SuiteLogin.ConnectionString(ports[0], password, "postgres", tls));
        string serverVersion;
        await using (var admin = new NpgsqlConnection(primaryNode.ConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await using var version = new NpgsqlCommand("SHOW server_version", admin);
            serverVersion = (string)(await version.ExecuteScalarAsync(cancellationToken))!;
        }

        primaryNode = primaryNode with { ConnectionString = SuiteLogin.ConnectionString(ports[0], password, DatabaseName, tls) };

        // Clone and start the replicas in parallel: each base backup asks for its own fast checkpoint.
        var replicaNodes = await Task.WhenAll(request.ReplicaNames.Select((name, i) =>
            StartReplicaAsync(runner, dataRoot, name, ports[0], ports[i + 1], password, tls, request.ApplyDelays.DelayFor(name), started, emulated, cancellationToken)));

        await ReplicationReadiness.WaitForStreamingAsync(primaryNode.ConnectionString, request.ReplicaNames, cancellationToken);

        IReadOnlyList<TopologyNode> nodes = [primaryNode, .. replicaNodes];
        PoolerDetails? pooler = null;
        if (pgbouncer is not null)
        {
            (nodes, pooler) = await PgBouncerPoolers.StartAsync(pgbouncer, runner, dataRoot, nodes, cancellationToken);
        }

        return new TopologyDescriptor
        {
            Provider = ProviderName,
            CreatedAt = timeProvider.GetUtcNow(),
            ServerVersion = serverVersion,
            Nodes = nodes,
            Pooler = pooler,
            MaxConnections = request.MaxConnections,
            Local = new LocalTopologyDetails(
                dataRoot,
                binaries.Directory,
                runner.OsUser,
                started.ToDictionary(n => n, n => ReadPostmasterPid(Path.Combine(dataRoot, n)) ?? 0, StringComparer.Ordinal)),
            Emulation = NodeEmulation.For(request.Budget, emulated),
            Tls = tls,
        };
    }

    private static async Task<TopologyNode> StartReplicaAsync(
        PgToolRunner runner,
        string dataRoot,
        string name,
        int primaryPort,
        int port,
        string password,
        TopologyTlsDetails? tls,
        TimeSpan applyDelay,
        List<string> started,
        IReadOnlyList<EmulatedNode> emulated,
        CancellationToken cancellationToken)
    {
        var dir = Path.Combine(dataRoot, name);
        await runner.RunAsync(
            "pg_basebackup",
            ["-D", dir, "-d", $"host=127.0.0.1 port={primaryPort} user={UserName} application_name={name}",
             "--write-recovery-conf", "--create-slot", $"--slot={name}", "--checkpoint=fast", "--wal-method=stream", "--no-sync"],
            cancellationToken,
            new Dictionary<string, string> { ["PGPASSWORD"] = password });

        await File.AppendAllTextAsync(Path.Combine(dir, "postgresql.conf"), LocalServerSettings.ForReplica(port, applyDelay), cancellationToken);
        await StartServerAsync(runner, dataRoot, name, started, emulated, cancellationToken);
        return new TopologyNode(name, NodeRole.Replica, "127.0.0.1", port, SuiteLogin.ConnectionString(port, password, DatabaseName, tls), applyDelay.TotalMilliseconds);
    }

    private static async Task StartServerAsync(
        PgToolRunner runner, string dataRoot, string name, List<string> started, IReadOnlyList<EmulatedNode> emulated, CancellationToken cancellationToken)
    {
        lock (started)
        {
            // Recorded before the start so that an interrupted start is still cleaned up.
            started.Add(name);
        }

        var log = Path.Combine(dataRoot, name + ".log");
        try
        {
            await runner.RunAsync(
                "pg_ctl", ["start", "-w", "-t", "60", "-D", Path.Combine(dataRoot, name), "-l", log], cancellationToken, cgroupProcsFiles: ServerCgroups.ProcsFiles(emulated, name));
        }
        catch (TopologyException ex)
        {
            var tail = File.Exists(log) ? PgToolRunner.LastLines(await File.ReadAllTextAsync(log, CancellationToken.None), 3) : "no server log";
            throw new TopologyException($"{name} did not start: {tail}", ex);
        }
    }

    /// <summary>Stops the named servers (fast shutdown, then kill) and deletes the data root.</summary>
    private static async Task RemoveAsync(PgToolRunner runner, string dataRoot, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(dataRoot))
        {
            return;
        }

        await Task.WhenAll(nodes.Select(async node =>
        {
            var dir = Path.Combine(dataRoot, node);
            var pid = ReadPostmasterPid(dir);
            if (pid is null)
            {
                return;
            }

            ServerProcessSignals.ThawBeforeStop(pid.Value, dir);
            try
            {
                // The data is thrown away, so an immediate stop is as good as a clean one, and faster.
                await runner.RunAsync("pg_ctl", ["stop", "-w", "-t", "10", "-m", "immediate", "-D", dir], cancellationToken);
            }
            catch (TopologyException)
            {
                // Falls through to the kill below.
            }

            await LeftoverProcesses.WaitForExitAsync([pid.Value], TimeSpan.FromSeconds(5), CancellationToken.None);
        }));

        // Anything still naming the data root (a start interrupted before its pid file existed).
        await LeftoverProcesses.WaitForExitAsync(LeftoverProcesses.Under(dataRoot), TimeSpan.Zero, CancellationToken.None);
        Directory.Delete(dataRoot, recursive: true);
    }

    private static async Task RemoveCgroupsAfterFailureAsync(IReadOnlyList<EmulatedNode> emulated)
    {
        try
        {
            await ServerCgroups.RemoveAsync(emulated, CancellationToken.None);
        }
        catch (TopologyException)
        {
            // The servers are gone by now, so this cannot happen in practice; if it does, the failure
            // that ended the up is the one to report, not its cleanup.
        }
    }

    internal static int? ReadPostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
