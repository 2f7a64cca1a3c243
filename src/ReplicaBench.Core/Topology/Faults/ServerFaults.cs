using Npgsql;
using ReplicaBench.Engine;

namespace ReplicaBench.Topology.Faults;

/// <summary>
/// What every provider that owns its servers shares: the SQL side of faults (replay pause/resume,
/// promotion, re-pointing replicas, slots) and keeping topology.json current. A provider adds how
/// a server is stopped and started, and how the servers reach one another.
/// </summary>
internal abstract class ServerFaults(TopologyStateDirectory stateDirectory, TopologyDescriptor topology) : ITopologyFaults
{
    /// <summary>How long a restarted replica, or one re-pointed after a failover, gets to stream again.</summary>
    public static readonly TimeSpan StreamingTimeout = ReplicationReadiness.StreamingTimeout;

    /// <summary>How long <c>pg_promote()</c> may wait for the end of recovery.</summary>
    private const int PromoteWaitSeconds = 60;

    public TopologyDescriptor Topology { get; private set; } = topology;

    public async Task KillReplicaAsync(string replica, CancellationToken cancellationToken)
    {
        var node = Replica(replica);
        await StopAsync(node, abrupt: true, cancellationToken);
        Save(Refresh(Topology));
    }

    public async Task RestartReplicaAsync(string replica, CancellationToken cancellationToken)
    {
        var node = Replica(replica);
        await StartAsync(node, cancellationToken);
        Save(Refresh(Topology));
        await ReplicationReadiness.WaitForStreamingAsync(Topology.Primary.ConnectionString, [node.Name], cancellationToken);
    }

    public Task FreezeReplicaAsync(string replica, CancellationToken cancellationToken) =>
        FreezeAsync(Replica(replica), frozen: true, cancellationToken);

    public Task ThawReplicaAsync(string replica, CancellationToken cancellationToken) =>
        FreezeAsync(Replica(replica), frozen: false, cancellationToken);

    /// <summary>
    /// Restarts any node cleanly (a fast shutdown, then a start), as a <c>postmaster</c> setting
    /// needs (<see cref="Settings.ServerSettingsApplier"/>), and returns once the replicas that
    /// follow it stream again: all of them after the primary's restart, itself after a replica's.
    /// </summary>
    public async Task RestartNodeAsync(string name, CancellationToken cancellationToken)
    {
        var node = Topology.FindNode(name) ?? throw new BadInputException($"'{name}' is not a node of this topology; name one of: {string.Join(", ", Topology.Nodes.Select(n => n.Name))}.");
        await StopAsync(node, abrupt: false, cancellationToken);
        await StartAsync(node, cancellationToken);
        // Npgsql's pooled sockets to the old server are dead now; the next open must not get one.
        using (var pooled = new NpgsqlConnection(node.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        Save(Refresh(Topology));
        string[] followers = node.Role == NodeRole.Primary ? [.. Topology.Replicas.Select(r => r.Name)] : [node.Name];
        await ReplicationReadiness.WaitForStreamingAsync(Topology.Primary.ConnectionString, followers, cancellationToken);
    }

    public Task PauseReplayAsync(string replica, CancellationToken cancellationToken) =>
        ExecuteAsync(Replica(replica), "SELECT pg_wal_replay_pause()", cancellationToken);

    public Task ResumeReplayAsync(string replica, CancellationToken cancellationToken) =>
        ExecuteAsync(Replica(replica), "SELECT pg_wal_replay_resume()", cancellationToken);

    public async Task<FailoverResult> FailoverAsync(string replica, Func<TopologyNode, Task>? promoted, CancellationToken cancellationToken)
    {
        var target = Replica(replica);
        var oldPrimary = Topology.Primary;
        var others = Topology.Replicas.Where(r => r.Name != target.Name).ToList();

        // Fence first: a primary that still takes writes beside a promoted replica is a split brain.
        await StepAsync($"fencing {oldPrimary.Name}", oldPrimary, () => StopAsync(oldPrimary, abrupt: false, cancellationToken));
        await StepAsync($"promoting {target.Name}", target, () => PromoteAsync(target, cancellationToken));
        var newPrimary = target with { Role = NodeRole.Primary, ApplyDelayMs = 0 };
        Save(Refresh(Topology with { Nodes = [newPrimary, .. others] }));
        if (promoted is not null)
        {
            await promoted(newPrimary);
        }

        var followers = new List<TopologyNode>();
        var leftOut = new List<string>();
        foreach (var follower in others)
        {
            if (await TryRepointAsync(follower, newPrimary, cancellationToken))
            {
                followers.Add(follower);
                continue;
            }

            leftOut.Add(follower.Name);
            await StopQuietlyAsync(follower);
        }

        await StepAsync(
            $"dropping leftover replication slots on {newPrimary.Name}", newPrimary, () => DropOtherSlotsAsync(newPrimary, [.. followers.Select(f => f.Name)], cancellationToken));
        Save(Refresh(Topology with { Nodes = [newPrimary, .. followers] }));
        return new FailoverResult(oldPrimary, newPrimary, [.. followers.Select(f => f.Name)], leftOut, Topology);
    }

    /// <summary>Stops a server: abruptly (a crash: immediate shutdown, SIGKILL) or cleanly (a fast shutdown).</summary>
    /// <summary>Stops (<paramref name="frozen"/>) or continues every process of a server, leaving its sockets as they are.</summary>
    protected abstract Task FreezeAsync(TopologyNode node, bool frozen, CancellationToken cancellationToken);

    protected abstract Task StopAsync(TopologyNode node, bool abrupt, CancellationToken cancellationToken);

    /// <summary>Starts a stopped server and returns once it accepts connections.</summary>
    protected abstract Task StartAsync(TopologyNode node, CancellationToken cancellationToken);

    /// <summary>Where the other servers reach <paramref name="node"/> for replication (not always where this process does).</summary>
    protected abstract (string Host, int Port) ReplicationAddress(TopologyNode node);

    /// <summary>The last lines of a server's log, one line, for an error message; null when the provider has none at hand.</summary>
    protected virtual string? LogTail(TopologyNode node) => null;

    /// <summary>The descriptor with the provider's own details brought up to date (e.g. postmaster pids).</summary>
    protected abstract TopologyDescriptor Refresh(TopologyDescriptor topology);

    /// <summary>An administrative connection to one node: unpooled, so no pooled socket survives a server restart.</summary>
    protected static NpgsqlConnection Connect(TopologyNode node) =>
        new(new NpgsqlConnectionStringBuilder(node.ConnectionString) { Pooling = false }.ConnectionString);

    /// <summary>Runs one step of a failover; a failure says which step, on which server, and what its log said last.</summary>
    private async Task StepAsync(string step, TopologyNode node, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is NpgsqlException or TopologyException or IOException or TimeoutException)
        {
            var log = LogTail(node) is { Length: > 0 } tail ? $"; {node.Name} log: {tail}" : "";
            throw new TopologyException($"{step}: {(ex is TopologyException ? ex.Message : ConnectionErrors.Describe(ex))}{log}", ex);
        }
    }

    private TopologyNode Replica(string name)
    {
        var node = Topology.FindNode(name);
        if (node is null || node.Role != NodeRole.Replica)
        {
            var replicas = Topology.Replicas.Count == 0 ? "none" : string.Join(", ", Topology.Replicas.Select(r => r.Name));
            throw new BadInputException($"'{name}' is not a replica of this topology (replicas: {replicas}); name one of them.");
        }

        return node;
    }

    private void Save(TopologyDescriptor descriptor)
    {
        stateDirectory.Write(descriptor);
        Topology = descriptor;
    }

    private static async Task ExecuteAsync(TopologyNode node, string sql, CancellationToken cancellationToken)
    {
        await using var connection = Connect(node);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task PromoteAsync(TopologyNode replica, CancellationToken cancellationToken)
    {
        await using var connection = Connect(replica);
        await connection.OpenAsync(cancellationToken);
        await using var promote = new NpgsqlCommand($"SELECT pg_promote(true, {PromoteWaitSeconds})", connection) { CommandTimeout = PromoteWaitSeconds + 10 };
        if (await promote.ExecuteScalarAsync(cancellationToken) is not true)
        {
            throw new TopologyException($"{replica.Name} did not finish its promotion within {PromoteWaitSeconds}s; see its server log.");
        }
    }

    /// <summary>
    /// Points a replica at the new primary (PostgreSQL 13+ re-reads <c>primary_conninfo</c> and
    /// <c>primary_slot_name</c> on reload; <c>recovery_target_timeline = latest</c>, the default,
    /// follows the promotion's new timeline) and waits until it streams. False when it cannot.
    /// </summary>
    private async Task<bool> TryRepointAsync(TopologyNode replica, TopologyNode newPrimary, CancellationToken cancellationToken)
    {
        var (host, port) = ReplicationAddress(newPrimary);
        var credentials = new NpgsqlConnectionStringBuilder(newPrimary.ConnectionString);
        var conninfo = ReplicationConnInfo.For(host, port, credentials.Username ?? "", credentials.Password ?? "", replica.Name);
        try
        {
            await EnsureSlotAsync(newPrimary, replica.Name, cancellationToken);
            await using (var connection = Connect(replica))
            {
                await connection.OpenAsync(cancellationToken);
                foreach (var sql in (string[])[
                             $"ALTER SYSTEM SET primary_conninfo = {ReplicationConnInfo.SqlLiteral(conninfo)}",
                             $"ALTER SYSTEM SET primary_slot_name = {ReplicationConnInfo.SqlLiteral(replica.Name)}",
                             "SELECT pg_reload_conf()"])
                {
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await ReplicationReadiness.WaitForStreamingAsync(newPrimary.ConnectionString, [replica.Name], cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TopologyException or TimeoutException or IOException)
        {
            // Not running (killed before the failover), or it cannot follow the new timeline.
            return false;
        }
    }

    private static async Task EnsureSlotAsync(TopologyNode primary, string slot, CancellationToken cancellationToken)
    {
        await using var connection = Connect(primary);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand(
            "SELECT pg_create_physical_replication_slot($1, true) WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = $1)",
            connection);
        create.Parameters.Add(new NpgsqlParameter { Value = slot });
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Drops every replication slot on the new primary that no follower uses: a slot nobody reads retains WAL for ever.</summary>
    private static async Task DropOtherSlotsAsync(TopologyNode primary, string[] keep, CancellationToken cancellationToken)
    {
        await using var connection = Connect(primary);
        await connection.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand(
            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE NOT active AND NOT (slot_name = ANY($1))",
            connection);
        drop.Parameters.Add(new NpgsqlParameter { Value = keep });
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task StopQuietlyAsync(TopologyNode node)
    {
        try
        {
            await StopAsync(node, abrupt: true, CancellationToken.None);
        }
        catch (TopologyException)
        {
            // Already stopped: that is why it could not follow.
        }
    }
}
