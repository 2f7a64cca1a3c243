using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>
/// Puts a cell's server lag samples on the cell's one timeline, the one its time series, fault
/// windows and charts use: seconds since the measured window began, where a series point at t
/// covers (t − 1, t] and a lag sample at t was taken t seconds in.
/// </summary>
/// <remarks>
/// The sampler starts with the cell, before the router has settled and the virtual users have
/// connected, so its own origin is not the run's: the measured start is known only once the run
/// has told its start (<see cref="Engine.LoadRunOptions.Started"/>) and closed its warm-up. Samples from
/// before the measured start (warm-up) or after its end (drain, the visibility probe's last
/// markers) are dropped: they describe load that was not measured.
/// </remarks>
internal static class LagTimeline
{
    /// <summary>
    /// The timestamp the measured window began at: the run's start plus the start of its first
    /// measured interval, the origin results.json's time series counts from; the planned end of
    /// the warm-up when no interval was measured.
    /// </summary>
    public static long MeasuredStart(long runStart, LoadRunResult result, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var offset = result.TimeSeries.FirstOrDefault(p => p.Phase == RunPhase.Measurement)?.Start ?? result.WarmUpDuration;
        return runStart + (long)Math.Round(offset.TotalSeconds * timeProvider.TimestampFrequency);
    }

    /// <summary>
    /// The samples of <paramref name="sinceOrigin"/> (whose T counts seconds from
    /// <paramref name="samplerOrigin"/>) that fall in the measured window, with T counted from
    /// <paramref name="measuredStart"/>: 0 ≤ T ≤ <paramref name="measured"/>.
    /// </summary>
    public static List<ReplicaLagPoint> Place(IEnumerable<ReplicaLagPoint> sinceOrigin, long samplerOrigin, long measuredStart, TimeSpan measured, long timestampFrequency)
    {
        ArgumentNullException.ThrowIfNull(sinceOrigin);
        var shift = (measuredStart - samplerOrigin) / (double)timestampFrequency;
        var end = measured.TotalSeconds;
        return [.. sinceOrigin.Select(p => p with { T = p.T - shift }).Where(p => p.T >= 0 && p.T <= end).OrderBy(p => p.T)];
    }
}
