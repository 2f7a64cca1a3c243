using System.Diagnostics;

namespace ReplicaBench.Workload;

/// <summary>
/// The verdict on one row a read returned: fresh, or stale and by how much. See
/// <see cref="AcknowledgedVersions.Check"/> for the exact rule.
/// </summary>
/// <param name="IsStale">True when a newer version had been acknowledged before the read started.</param>
/// <param name="AgeTicks">
/// For a stale read, how long the seen version had already been superseded when the read started,
/// in <see cref="Stopwatch"/> ticks; 0 when fresh.
/// </param>
public readonly record struct ReadFreshness(bool IsStale, long AgeTicks)
{
    public static ReadFreshness Fresh => default;

    /// <summary>The staleness age as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Age => TimeSpan.FromSeconds(AgeTicks / (double)Stopwatch.Frequency);

    /// <summary>The staleness age in whole microseconds, the unit of the suite's histograms.</summary>
    public long AgeMicroseconds => (long)(AgeTicks * (1_000_000.0 / Stopwatch.Frequency));
}
