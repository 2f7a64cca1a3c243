namespace ReplicaBench.Topology.Faults;

/// <summary>
/// Fault injection on a running topology the suite owns (<c>local</c> or <c>containers</c>; an
/// <c>external</c> one is refused, see <see cref="TopologyFaults"/>): what a fault scenario does to
/// the servers while a load runs. Every change of the topology's shape (a failover, a server that
/// stopped or started) is written back to topology.json at once, so <c>topology status</c> and
/// <c>topology down</c> keep working whatever the scenario did.
/// </summary>
/// <remarks>
/// Calls are not meant to overlap: a fault schedule runs its faults one after the other.
/// </remarks>
public interface ITopologyFaults
{
    /// <summary>The topology as it stands now (after failovers), as topology.json records it.</summary>
    TopologyDescriptor Topology { get; }

    /// <summary>Stops a replica abruptly, as a crash would: immediate shutdown (local) or <c>docker kill</c> (containers). Its clients see their connections break.</summary>
    /// <param name="replica">The replica's name, e.g. <c>replica1</c>.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    Task KillReplicaAsync(string replica, CancellationToken cancellationToken);

    /// <summary>Starts a replica stopped by <see cref="KillReplicaAsync"/> again and returns once the primary sees it streaming.</summary>
    /// <param name="replica">The replica's name.</param>
    /// <param name="cancellationToken">Cancels the wait (the server may be left starting).</param>
    Task RestartReplicaAsync(string replica, CancellationToken cancellationToken);

    /// <summary>
    /// Freezes every process of a replica (SIGSTOP to the postmaster and all its backends, or
    /// <c>docker pause</c>): its port still accepts TCP connections and its open connections stay up,
    /// but nothing answers, as with a server stuck on a hung disk or a paused VM. Only a client-side
    /// timeout ends what its clients wait for.
    /// </summary>
    /// <param name="replica">The replica's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task FreezeReplicaAsync(string replica, CancellationToken cancellationToken);

    /// <summary>Lets a replica frozen by <see cref="FreezeReplicaAsync"/> run again (SIGCONT, <c>docker unpause</c>).</summary>
    /// <param name="replica">The replica's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ThawReplicaAsync(string replica, CancellationToken cancellationToken);

    /// <summary><c>pg_wal_replay_pause()</c> on a replica: it keeps receiving WAL but applies none, so its lag grows until resumed.</summary>
    /// <param name="replica">The replica's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task PauseReplayAsync(string replica, CancellationToken cancellationToken);

    /// <summary><c>pg_wal_replay_resume()</c> on a replica paused by <see cref="PauseReplayAsync"/>.</summary>
    /// <param name="replica">The replica's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ResumeReplayAsync(string replica, CancellationToken cancellationToken);

    /// <summary>
    /// Fails over to <paramref name="replica"/>: fences the primary (a fast shutdown, which hands
    /// every connected replica all of its WAL before it exits, so no acknowledged write is lost and
    /// the other replicas can follow the new timeline), promotes the replica with
    /// <c>pg_promote()</c>, tells <paramref name="promoted"/> at once (a router resumes writes there
    /// before the rest is tidied up), re-points the other replicas at the new primary with their own
    /// physical slots (a replica that cannot follow within a timeout is stopped and left out), drops
    /// any other replication slot on the new primary, and records the new shape in topology.json:
    /// the promoted node first, as the primary, keeping its name.
    /// </summary>
    /// <param name="replica">The replica to promote.</param>
    /// <param name="promoted">Called with the new primary the moment it accepts writes; may be null.</param>
    /// <param name="cancellationToken">Cancels the failover (the topology may be left half-way; topology.json says how far).</param>
    Task<FailoverResult> FailoverAsync(string replica, Func<TopologyNode, Task>? promoted, CancellationToken cancellationToken);
}
