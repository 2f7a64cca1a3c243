using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
namespace ReplicaBench.Routing;

/// <summary>
/// One block of routing counters. Each virtual user's <see cref="SessionConnections"/> owns a block,
/// so increments stay on one core's cache line instead of bouncing between cores on every operation;
/// the router sums the blocks when asked for <see cref="RoutingCounts"/>. Increments are interlocked,
/// so a block may also be shared (the router's own block is).
/// </summary>
internal sealed class RoutingCounters
{
    private static readonly int FailureKinds = Enum.GetValues<OperationFailureKind>().Length;

    private readonly int _nodes;
    private readonly long[] _reads;
    private readonly long[] _writes;
    private readonly long[] _readsIntendedServed;
    private readonly long[] _failuresByNode;
    private readonly long[] _failuresByKind;
    private readonly long[] _markedDown;
    private readonly long[] _markedUp;
    private long _readFallbacks;
    private long _readFallbacksToPrimary;
    private long _failuresWithUnknownNode;

    public RoutingCounters(int nodes)
    {
        _nodes = nodes;
        _reads = new long[nodes];
        _writes = new long[nodes];
        _readsIntendedServed = new long[nodes * nodes];
        _failuresByNode = new long[nodes];
        _failuresByKind = new long[FailureKinds];
        _markedDown = new long[nodes];
        _markedUp = new long[nodes];
    }

    public int Nodes => _nodes;

    /// <summary>Counts an operation that succeeded on <see cref="RoutingDecision.ChosenNode"/>.</summary>
    public void RecordServed(OperationKind kind, in RoutingDecision decision)
    {
        var served = decision.ChosenNode;
        if (kind == OperationKind.Write)
        {
            Interlocked.Increment(ref _writes[served]);
            return;
        }

        Interlocked.Increment(ref _reads[served]);
        Interlocked.Increment(ref _readsIntendedServed[(decision.IntendedNode * _nodes) + served]);
        if (decision.IsFallback)
        {
            Interlocked.Increment(ref _readFallbacks);
            if (served == RoutingDecision.PrimaryNode)
            {
                Interlocked.Increment(ref _readFallbacksToPrimary);
            }
        }
    }

    public void RecordFailure(in OperationFailure failure)
    {
        Interlocked.Increment(ref _failuresByKind[(int)failure.Kind]);
        if (failure.NodeIndex >= 0)
        {
            Interlocked.Increment(ref _failuresByNode[failure.NodeIndex]);
        }
        else
        {
            Interlocked.Increment(ref _failuresWithUnknownNode);
        }
    }

    public void RecordMarkedDown(int node) => Interlocked.Increment(ref _markedDown[node]);

    public void RecordMarkedUp(int node) => Interlocked.Increment(ref _markedUp[node]);

    /// <summary>Adds this block into running totals (same node count).</summary>
    public void AddTo(RoutingCounters totals)
    {
        Add(_reads, totals._reads);
        Add(_writes, totals._writes);
        Add(_readsIntendedServed, totals._readsIntendedServed);
        Add(_failuresByNode, totals._failuresByNode);
        Add(_failuresByKind, totals._failuresByKind);
        Add(_markedDown, totals._markedDown);
        Add(_markedUp, totals._markedUp);
        totals._readFallbacks += Volatile.Read(ref _readFallbacks);
        totals._readFallbacksToPrimary += Volatile.Read(ref _readFallbacksToPrimary);
        totals._failuresWithUnknownNode += Volatile.Read(ref _failuresWithUnknownNode);
    }

    /// <summary>Turns totals into the public, immutable view, with node names from the topology.</summary>
    public RoutingCounts ToCounts(IReadOnlyList<Topology.TopologyNode> nodes)
    {
        var perNode = new NodeRoutingCounts[_nodes];
        var cells = new List<IntendedServedCount>();
        for (var n = 0; n < _nodes; n++)
        {
            perNode[n] = new NodeRoutingCounts(nodes[n].Name, nodes[n].Role, _reads[n], _writes[n], _failuresByNode[n], _markedDown[n], _markedUp[n]);
            for (var s = 0; s < _nodes; s++)
            {
                var count = _readsIntendedServed[(n * _nodes) + s];
                if (count > 0)
                {
                    cells.Add(new IntendedServedCount(nodes[n].Name, nodes[s].Name, count));
                }
            }
        }

        var byKind = Enum.GetValues<OperationFailureKind>().ToDictionary(k => k, k => _failuresByKind[(int)k]);
        return new RoutingCounts(perNode, cells, _readFallbacks, _readFallbacksToPrimary, byKind, _failuresWithUnknownNode);
    }

    private static void Add(long[] from, long[] to)
    {
        for (var i = 0; i < from.Length; i++)
        {
            to[i] += Volatile.Read(ref from[i]);
        }
    }
}
