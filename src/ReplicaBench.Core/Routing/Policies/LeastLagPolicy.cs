using ReplicaBench.Engine;
namespace ReplicaBench.Routing.Policies;

/// <summary>
/// <c>least-lag</c>: each read goes to the healthy hot standby that is furthest along in replaying
/// the primary's WAL, judged by sampled lag (a replica monitor writes it onto the
/// <see cref="NodeStateBoard"/> from <c>pg_last_wal_replay_lsn()</c> and
/// <c>pg_last_xact_replay_timestamp()</c>; nothing is queried per read). It lowers staleness without
/// bounding it: the freshest replica may still be behind. Writes go to the primary.
/// </summary>
/// <remarks>
/// <para>
/// Replicas are compared by effective staleness, the sampled lag plus the sample's age (see
/// <see cref="BoundedStalenessPolicy"/>), so a replica whose samples stop arriving drops out of
/// first place. Replicas within <see cref="TieTolerance"/> of the freshest count as equally fresh
/// and share reads in rotation: sampled lags differ by sampling noise, and a strict minimum would
/// herd every read onto whichever replica happened to sample a few microseconds fresher.
/// </para>
/// <para>
/// A replica with unknown lag (never sampled) is not a candidate. When no healthy replica has a
/// known lag, reads go to the primary as fallbacks: the policy promises the freshest replica and
/// without samples cannot tell a replica in sync from one minutes behind, while the primary is
/// always current. The router's warning says so when no sampler feeds the board. The intended node
/// is the freshest replica ignoring health, so a down replica that would have won shows up as a
/// fallback to the next freshest.
/// </para>
/// </remarks>
public sealed class LeastLagPolicy : IRoutingPolicy
{
    /// <summary>Replicas whose effective staleness is within this of the freshest share its reads.</summary>
    public static readonly TimeSpan TieTolerance = TimeSpan.FromMilliseconds(1);

    private static readonly long TieToleranceMicroseconds = TieTolerance.Ticks / TimeSpan.TicksPerMicrosecond;

    private readonly TimeProvider _timeProvider;
    private readonly double _microsecondsPerTick;
    private long _tickets;

    /// <param name="timeProvider">The clock the board's sample timestamps come from: <see cref="TimeProvider.System"/> in production.</param>
    public LeastLagPolicy(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _microsecondsPerTick = SampledStaleness.MicrosecondsPerTick(timeProvider);
    }

    public RoutingPolicySpec Spec => RoutingPolicySpec.LeastLag;

    /// <remarks>
    /// One pass, starting at the replica whose turn it is: a replica replaces the current pick only
    /// when it is fresher by more than <see cref="TieTolerance"/>. The pick only ever gets fresher,
    /// and the freshest replica displaces any pick more than the tolerance behind it, so the result
    /// is within the tolerance of the freshest, and ties go to whoever comes first in the rotation.
    /// </remarks>
    public RoutingDecision Decide(OperationKind kind, RoutingSession session, NodeStateBoard board)
    {
        if (kind == OperationKind.Write)
        {
            return RoutingDecision.Primary;
        }

        var replicas = board.ReplicaCount;
        if (replicas == 0)
        {
            return RoutingDecision.FallbackToPrimary(RoutingDecision.PrimaryNode);
        }

        var staleness = new SampledStaleness(_timeProvider.GetTimestamp(), _microsecondsPerTick);
        var start = (int)(((uint)Interlocked.Increment(ref _tickets) - 1) % (uint)replicas);
        int intended = -1, chosen = -1;
        long intendedStaleness = 0, chosenStaleness = 0;
        for (int i = 0, r = start; i < replicas; i++, r = r + 1 == replicas ? 0 : r + 1)
        {
            var value = staleness.Microseconds(board, r);
            if (value < 0)
            {
                continue;
            }

            if (intended < 0 || value < intendedStaleness - TieToleranceMicroseconds)
            {
                intended = r;
                intendedStaleness = value;
            }

            if ((chosen < 0 || value < chosenStaleness - TieToleranceMicroseconds) && board.IsHealthy(r))
            {
                chosen = r;
                chosenStaleness = value;
            }
        }

        if (intended < 0)
        {
            intended = start;
        }

        return chosen < 0
            ? RoutingDecision.FallbackToPrimary(intended + 1)
            : new RoutingDecision(intended + 1, chosen + 1, intended != chosen);
    }
}
