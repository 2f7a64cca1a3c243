using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>
/// The router's counters: one set per virtual user's session, so that the hot path increments
/// counters no other thread writes, plus one for the router itself (tools' opens, replicas marked
/// down and up). <see cref="Totals"/> sums them all.
/// </summary>
internal sealed class RoutingCounterSet(int nodeCount)
{
    private readonly List<RoutingCounters> _sessions = [];
    private readonly Lock _sessionsLock = new();

    /// <summary>What the router counts itself, outside any session.</summary>
    public RoutingCounters Own { get; } = new(nodeCount);

    /// <summary>A new session's own counters, included in every later <see cref="Totals"/>.</summary>
    public RoutingCounters ForNewSession()
    {
        var counters = new RoutingCounters(nodeCount);
        lock (_sessionsLock)
        {
            _sessions.Add(counters);
        }

        return counters;
    }

    /// <summary>Where operations went so far, summed over the router and every session.</summary>
    public RoutingCounts Totals(IReadOnlyList<TopologyNode> nodes)
    {
        var totals = new RoutingCounters(nodeCount);
        Own.AddTo(totals);
        lock (_sessionsLock)
        {
            foreach (var counters in _sessions)
            {
                counters.AddTo(totals);
            }
        }

        return totals.ToCounts(nodes);
    }
}
