using ReplicaBench.Topology.Local;

namespace ReplicaBench.Topology.Faults;

/// <summary>
/// Faults on a <c>local</c> topology, through <c>pg_ctl</c> on each node's data directory (as the
/// servers' OS user when we are root, like the provider): a kill is an immediate shutdown (every
/// backend dies at once, no checkpoint: what a crash looks like to clients), a fence a fast one. A
/// restart joins the node's cgroup again; a promoted replica keeps its group, and so its budget.
/// </summary>
internal sealed class LocalTopologyFaults : ServerFaults
{
    private readonly LocalTopologyDetails _local;
    private readonly PgToolRunner _runner;

    public LocalTopologyFaults(TopologyStateDirectory stateDirectory, TopologyDescriptor topology)
        : base(stateDirectory, topology)
    {
        _local = topology.Local
            ?? throw new TopologyException("topology.json has no 'local' section; it was not made by the local provider.");
        _runner = new PgToolRunner(PostgresBinaries.Locate(_local.BinDirectory, null, "/nonexistent"), _local.OsUser);
    }

    protected override async Task StopAsync(TopologyNode node, bool abrupt, CancellationToken cancellationToken) =>
        await _runner.RunAsync("pg_ctl", ["stop", "-w", "-t", "30", "-m", abrupt ? "immediate" : "fast", "-D", DataDirectory(node)], cancellationToken);

    protected override async Task StartAsync(TopologyNode node, CancellationToken cancellationToken)
    {
        var log = Path.Combine(_local.DataRoot, node.Name + ".log");
        try
        {
            // Back into the node's cgroup, if it has one: a restarted server keeps its emulated size.
            await _runner.RunAsync(
                "pg_ctl",
                ["start", "-w", "-t", "60", "-D", DataDirectory(node), "-l", log],
                cancellationToken,
                cgroupProcsFiles: ServerCgroups.ProcsFiles(Topology.Emulation?.Nodes, node.Name));
        }
        catch (TopologyException ex)
        {
            var tail = File.Exists(log) ? PgToolRunner.LastLines(await File.ReadAllTextAsync(log, CancellationToken.None), 3) : "no server log";
            throw new TopologyException($"{node.Name} did not start again: {tail}", ex);
        }
    }

    protected override Task FreezeAsync(TopologyNode node, bool frozen, CancellationToken cancellationToken)
    {
        var postmaster = LocalTopologyProvider.ReadPostmasterPid(DataDirectory(node))
            ?? throw new TopologyException($"{node.Name} is not running (no postmaster.pid), so it cannot be {(frozen ? "frozen" : "thawed")}.");
        if (frozen)
        {
            ServerProcessSignals.Freeze(postmaster);
        }
        else
        {
            ServerProcessSignals.Thaw(postmaster);
        }

        return Task.CompletedTask;
    }

    // Replication cannot go through a transaction pooler: behind one, replicas follow the server's own port.
    protected override (string Host, int Port) ReplicationAddress(TopologyNode node) =>
        (node.Host, Topology.Pooler?.Nodes.TryGetValue(node.Name, out var pooled) == true ? pooled.ServerPort : node.Port);

    protected override string? LogTail(TopologyNode node)
    {
        var log = Path.Combine(_local.DataRoot, node.Name + ".log");
        try
        {
            return File.Exists(log) ? PgToolRunner.LastLines(File.ReadAllText(log), 3) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Postmaster pids as they are now: a restarted server has a new one, a stopped one none (down waits for these).</summary>
    protected override TopologyDescriptor Refresh(TopologyDescriptor topology) => topology with
    {
        Local = _local with
        {
            PostmasterPids = topology.Nodes.ToDictionary(
                n => n.Name,
                n => LocalTopologyProvider.ReadPostmasterPid(DataDirectory(n)) ?? 0,
                StringComparer.Ordinal),
        },
    };

    private string DataDirectory(TopologyNode node) => Path.Combine(_local.DataRoot, node.Name);
}
