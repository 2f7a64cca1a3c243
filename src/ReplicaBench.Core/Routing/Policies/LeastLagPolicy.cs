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
    private long _tickets;

    /// <param name="timeProvider">The clock the board's sample timestamps come from: <see cref="TimeProvider.System"/> in production.</param>
    public LeastLagPolicy(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public RoutingPolicySpec Spec => RoutingPolicySpec.LeastLag;

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

        // One consistent view of the board for both passes; samplers keep writing meanwhile.
        var staleness = new SampledStaleness(_timeProvider);
        Span<long> microseconds = stackalloc long[replicas];
        Span<bool> healthy = stackalloc bool[replicas];
        var freshestAll = long.MaxValue;
        var freshestHealthy = long.MaxValue;
        for (var r = 0; r < replicas; r++)
        {
            var value = staleness.Microseconds(board, r);
            microseconds[r] = value;
            healthy[r] = board.IsHealthy(r);
            if (value < 0)
            {
                continue;
            }

            freshestAll = Math.Min(freshestAll, value);
            if (healthy[r])
            {
                freshestHealthy = Math.Min(freshestHealthy, value);
            }
        }

        // Ties rotate: start the scan at the replica whose turn it is.
        var start = (int)(((uint)Interlocked.Increment(ref _tickets) - 1) % (uint)replicas);
        var intended = -1;
        var chosen = -1;
        for (var i = 0; i < replicas; i++)
        {
            var r = start + i < replicas ? start + i : start + i - replicas;
            var value = microseconds[r];
            if (value < 0)
            {
                continue;
            }

            if (intended < 0 && value - freshestAll <= TieToleranceMicroseconds)
            {
                intended = r;
            }

            if (chosen < 0 && healthy[r] && value - freshestHealthy <= TieToleranceMicroseconds)
            {
                chosen = r;
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
