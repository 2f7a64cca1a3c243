using System.Globalization;

namespace ReplicaBench.Runs;

/// <summary>
/// Compares what a run needs per node (<see cref="ConnectionDemand"/>) with what each node accepts
/// (<see cref="NodeConnectionRoom"/>) and words the refusal: a run short of connections would
/// start anyway and time out a share of its operations, so it is refused before anything starts.
/// </summary>
public static class ConnectionBudget
{
    /// <summary>Null when every node has room; else the one-line refusal naming the numbers and the ways out.</summary>
    /// <param name="needs">Per node, what the run needs.</param>
    /// <param name="rooms">Per node, what it accepts; a node missing here (a limit nobody can read) is not checked.</param>
    /// <param name="virtualUsers">The users counted in <paramref name="needs"/>, for the message.</param>
    /// <param name="provisioned">Whether the run brings up its own servers (the way out is then a topology of the user's, with <c>--state-dir</c>).</param>
    /// <param name="pooled">Whether the nodes are a pooler's (then the pooler's limit is the one to raise).</param>
    public static string? Refusal(IReadOnlyList<NodeConnectionNeed> needs, IReadOnlyList<NodeConnectionRoom> rooms, int virtualUsers, bool provisioned, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(rooms);
        var checkedNodes = needs
            .Select(need => (Need: need, Room: rooms.FirstOrDefault(r => r.Node == need.Node)))
            .Where(p => p.Room is not null)
            .Select(p => (p.Need, Room: p.Room!))
            .ToList();
        var lacking = checkedNodes.Where(p => p.Need.Total > p.Room.Available).ToList();
        if (lacking.Count == 0)
        {
            return null;
        }

        // The most users every node takes: the room left after the suite's own, on the nodes the users reach.
        var fitting = checkedNodes.Where(p => p.Need.VirtualUsers > 0).Select(p => p.Room.Available - p.Need.Suite).DefaultIfEmpty(0).Min();
        // A limit that fits: the largest need plus what is reserved and in use there, rounded up to 10.
        var limit = lacking.Max(p => p.Need.Total + p.Room.Reserved + p.Room.InUse);
        limit = (limit + 9) / 10 * 10;
        var nodes = string.Join("; ", lacking.Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"{p.Need.Node} needs {p.Need.Total} ({p.Need.VirtualUsers} for the users + {p.Need.Suite} of the suite's own) but accepts {p.Room.Available} ({p.Room.Describe()})")));
        var fewer = fitting > 0
            ? string.Create(CultureInfo.InvariantCulture, $"use at most {fitting} --vus (--max-vus in the open model)")
            : "free connections on the servers";
        var ways = pooled
            ? string.Create(CultureInfo.InvariantCulture, $"{fewer}, or raise the pooler's max_client_conn to {limit}")
            : provisioned
                ? string.Create(CultureInfo.InvariantCulture, $"{fewer}, or bring up a topology with 'replicabench topology up --max-connections {limit}' (or '--pooler pgbouncer') and pass its --state-dir")
                : string.Create(CultureInfo.InvariantCulture, $"{fewer}, or bring the topology up again with 'replicabench topology up --max-connections {limit}', or put a pooler in front with 'topology up --pooler pgbouncer'");
        return string.Create(CultureInfo.InvariantCulture, $"not enough connections for {virtualUsers} virtual users: {nodes}; {ways}.");
    }
}
