using System.Diagnostics;
using Npgsql;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Topology;

namespace ReplicaBench.Workload.LongReads;

/// <summary>
/// The primary's side of the <c>long-reads</c> scenario: once per <see cref="Period"/> it updates
/// every row of <see cref="LongReadTable"/> and vacuums it, for a given duration (the measured
/// window). A replica replaying such a vacuum must remove row versions that a long read's snapshot
/// may still need: it cancels the read (a snapshot conflict) unless <c>hot_standby_feedback</c> made
/// the primary keep them, or <c>max_standby_streaming_delay</c> lets replay wait for the read.
/// </summary>
/// <remarks>
/// The dead tuples it reports are what the last vacuum could not remove: after each update it asks
/// the server to report that session's statistics at once (<c>pg_stat_force_next_flush()</c>, PostgreSQL
/// 15), so the update's dead tuples reach <c>pg_stat_user_tables</c> before the vacuum sets the count to
/// those it had to keep, not after (which would count them again).
/// </remarks>
public sealed class ConflictWriter
{
    /// <summary>One update of every row and one vacuum per period.</summary>
    /// <value>1 s: several cycles overlap every long read of a second or more.</value>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly TopologyNode _primary;

    public ConflictWriter(TopologyNode primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        _primary = primary;
    }

    /// <summary>Runs cycles for <paramref name="duration"/> (the last one starts before it ends), then reads the table again.</summary>
    /// <returns>The table before the first cycle and after the last, and how many cycles ran.</returns>
    public async Task<ConflictWriterResult> RunAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        var before = await TableBloat.ReadAsync(_primary, LongReadTable.Qualified, cancellationToken);
        var cycles = 0;
        var started = Stopwatch.GetTimestamp();
        await using (var connection = await NodeConnections.OpenAsync(_primary, cancellationToken, b => b.Pooling = false))
        {
            await using var update = new NpgsqlCommand($"UPDATE {LongReadTable.Qualified} SET v = v + 1; SELECT pg_stat_force_next_flush()", connection);
            await using var vacuum = new NpgsqlCommand($"VACUUM {LongReadTable.Qualified}", connection);
            while (Stopwatch.GetElapsedTime(started) < duration && !cancellationToken.IsCancellationRequested)
            {
                var cycleStart = Stopwatch.GetElapsedTime(started);
                await update.ExecuteNonQueryAsync(cancellationToken);
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
                cycles++;
                var next = cycleStart + Period;
                var wait = (next < duration ? next : duration) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
            }
        }

        var after = await TableBloat.ReadAsync(_primary, LongReadTable.Qualified, cancellationToken);
        return new ConflictWriterResult(before, after, cycles);
    }
}
