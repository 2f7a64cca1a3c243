namespace ReplicaBench.Routing.Policies;

/// <summary>
/// Round-robin over the replicas a filter accepts, shared by the spreading policies.
/// </summary>
/// <remarks>
/// Each read takes a ticket from an interlocked counter. The ticket names the replica whose turn it
/// is over ALL replicas (the intended node). If the filter accepts it, the read goes there. If not,
/// the read is redirected to the k-th accepted replica, where k = (ticket / N) mod accepted: the
/// turns of an unusable replica are dealt out in rotation over the usable ones, so each of H usable
/// replicas serves exactly N/H of every N·H reads. (Moving to "the next usable one" instead would
/// double the load on the unusable replica's neighbour, the uneven balancing Npgsql users report.)
/// If the filter accepts none, the read falls back to the primary.
/// </remarks>
internal static class ReplicaSpread
{
    /// <summary>The next turn of a shared rotation: each read takes the next ticket.</summary>
    public static RoutingDecision Choose<TFilter>(ref long ticketCounter, NodeStateBoard board, TFilter filter)
        where TFilter : struct, IReplicaFilter =>
        ChooseFor((uint)Interlocked.Increment(ref ticketCounter) - 1, board, filter);

    /// <summary>The turn a fixed <paramref name="ticket"/> names (e.g. a session's number), dealt out over the accepted replicas as above.</summary>
    public static RoutingDecision ChooseFor<TFilter>(uint ticket, NodeStateBoard board, TFilter filter)
        where TFilter : struct, IReplicaFilter
    {
        var replicas = board.ReplicaCount;
        if (replicas == 0)
        {
            return RoutingDecision.FallbackToPrimary(RoutingDecision.PrimaryNode);
        }

        var turn = (int)(ticket % (uint)replicas);
        var intended = turn + 1;
        if (filter.Accepts(board, turn))
        {
            return RoutingDecision.Replica(intended);
        }

        var accepted = 0u;
        for (var r = 0; r < replicas; r++)
        {
            if (filter.Accepts(board, r))
            {
                accepted++;
            }
        }

        if (accepted == 0)
        {
            return RoutingDecision.FallbackToPrimary(intended);
        }

        var k = ticket / (uint)replicas % accepted;
        for (var r = 0; r < replicas; r++)
        {
            // The board can change between the two passes; a replica that stops qualifying is skipped.
            if (filter.Accepts(board, r) && k-- == 0)
            {
                return new RoutingDecision(intended, r + 1, true);
            }
        }

        return RoutingDecision.FallbackToPrimary(intended);
    }
}
