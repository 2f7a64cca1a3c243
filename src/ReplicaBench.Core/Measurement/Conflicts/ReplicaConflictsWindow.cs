using System.Diagnostics;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement.Conflicts;

/// <summary>
/// The replicas' own count of recovery conflicts over a window: <c>pg_stat_database_conflicts</c>
/// summed over the replicas at its start, and again once the cancelled sessions have reported.
/// </summary>
/// <remarks>
/// A backend reports a conflict with its other statistics when it next goes idle, but at most once
/// a second (PostgreSQL 15's <c>PGSTAT_MIN_INTERVAL</c>): one that reported less than a second ago
/// holds it back for up to 10 s (<c>PGSTAT_IDLE_INTERVAL</c>) while it stays idle. On disconnecting
/// it reports at once. So close the sessions that were cancelled first; the closing read then
/// waits until the sum has stayed the same for <see cref="Quiet"/> (their exits take milliseconds),
/// up to <see cref="SettleLimit"/>.
/// </remarks>
public static class ReplicaConflictsWindow
{
    /// <summary>How long the sum must stay unchanged to count as settled once the cancelled sessions have closed.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    /// <summary>The longest the closing read waits; a sum still changing then is taken as it is.</summary>
    public static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>The replicas' counts now, summed.</summary>
    public static async Task<ConflictCounts> ReadAsync(IReadOnlyList<TopologyNode> replicas, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replicas);
        var counts = await Task.WhenAll(replicas.Select(r => DatabaseConflictsReader.ReadAsync(r, cancellationToken)));
        return counts.Aggregate(ConflictCounts.Zero, (sum, c) => sum.Plus(c));
    }

    /// <summary>The replicas' counts once they have stopped changing for <see cref="Quiet"/> (or after <see cref="SettleLimit"/>).</summary>
    public static async Task<ConflictCounts> SettledAsync(IReadOnlyList<TopologyNode> replicas, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var last = await ReadAsync(replicas, cancellationToken);
        var unchangedSince = waited.Elapsed;
        while (waited.Elapsed - unchangedSince < Quiet && waited.Elapsed < SettleLimit)
        {
            await Task.Delay(PollEvery, cancellationToken);
            var now = await ReadAsync(replicas, cancellationToken);
            if (now != last)
            {
                (last, unchangedSince) = (now, waited.Elapsed);
            }
        }

        return last;
    }
}
