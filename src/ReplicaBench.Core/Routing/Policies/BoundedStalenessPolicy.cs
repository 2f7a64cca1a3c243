using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>bounded-staleness:D</c>: a read may run on a hot standby only while that standby is known to
/// be less than D behind the primary; otherwise it runs on the primary. The application's promise
/// is "no read older than D", the contract a cache-like read path usually needs.
/// </summary>
/// <remarks>
/// <para>
/// Staleness is the upper bound of the replica's sampled lag (kept on the <see cref="NodeStateBoard"/>
/// by a replica monitor: the time since the primary was last seen at or below the replica's replay
/// position, see <c>LsnTimeline</c>) plus the age of that sample: replay could have stalled the
/// moment after sampling, so bound + age is the most the replica can be behind now. Not the best
/// estimate: that is a lower bound, up to one primary sampling interval short, and a promise cannot
/// rest on it. A replica with no sample (lag unknown) is treated as too stale. A sampler that stops
/// therefore sends every read to the primary within D: the bound fails safe, it is never silently
/// broken. What remains is the time between the decision and the read's snapshot on the replica:
/// microseconds on an open connection; a decision that had to wait for a connection to open is
/// taken again once it is open (<see cref="RoutingPolicySpec.DecisionsAge"/>).
/// </para>
/// <para>
/// Replicas within the bound share reads in rotation (see <see cref="ReplicaSpread"/>). When the
/// replica whose turn it is is down or too stale, the read goes to another replica within the
/// bound; when none is, to the primary. Both count as fallbacks, so reports show how often the
/// bound pushed reads back onto the primary (e.g. during a replay pause).
/// </para>
/// </remarks>
public sealed class BoundedStalenessPolicy : IRoutingPolicy
{
    private readonly TimeProvider _timeProvider;
    private readonly long _boundMicroseconds;
    private readonly double _microsecondsPerTick;
    private long _tickets;

    /// <param name="bound">The most staleness a replica read may have (at least 1 µs).</param>
    /// <param name="timeProvider">The clock the board's sample timestamps come from: <see cref="TimeProvider.System"/> in production.</param>
    public BoundedStalenessPolicy(TimeSpan bound, TimeProvider timeProvider)
    {
        Spec = RoutingPolicySpec.BoundedStaleness(bound);
        _timeProvider = timeProvider;
        _boundMicroseconds = bound.Ticks / TimeSpan.TicksPerMicrosecond;
        _microsecondsPerTick = SampledStaleness.MicrosecondsPerTick(timeProvider);
    }

    public RoutingPolicySpec Spec { get; }

    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board)
    {
        if (kind == OperationKind.Write)
        {
            return RoutingDecision.Primary;
        }

        var filter = new FreshReplicas(new SampledStaleness(_timeProvider.GetTimestamp(), _microsecondsPerTick), _boundMicroseconds);
        return ReplicaSpread.Choose(ref _tickets, board, filter);
    }
}
