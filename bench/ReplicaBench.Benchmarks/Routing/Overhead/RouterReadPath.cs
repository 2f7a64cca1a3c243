using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Point reads through the <see cref="Router"/> with one policy, exactly as a load run's virtual user
/// does them: per read, <see cref="SessionConnections.AcquireAsync"/> decides and hands out the
/// reader's connection to the chosen node, the prepared command of that connection runs, and
/// <see cref="SessionConnections.Complete"/> counts the routing.
/// </summary>
public sealed class RouterReadPath(TopologyDescriptor topology, RoutingPolicySpec policy, NodeStateBoard board, ulong replayedLsn) : IPointReadPath
{
    private readonly Router _router = new(topology, policy, board: board);

    public string Name => policy.Name;

    public ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken)
    {
        var session = new RoutingSession(virtualUser);

        // read-your-writes: the session has written, and the replicas have replayed it, so the
        // policy checks every read against a write and still takes its replica path.
        session.RecordWrite(replayedLsn);
        // The reader owns its session's connections from here on (the meter disposes it).
#pragma warning disable CA2000
        return ValueTask.FromResult<IPointReader>(new RouterPointReader(_router.CreateSessionConnections(session), _router.Nodes.Count));
#pragma warning restore CA2000
    }

    public double? ReplicaReadShare()
    {
        var counts = _router.Counts();
        return counts.Reads == 0 ? null : (double)counts.ReplicaReads / counts.Reads;
    }

    public ValueTask DisposeAsync() => _router.DisposeAsync();
}
