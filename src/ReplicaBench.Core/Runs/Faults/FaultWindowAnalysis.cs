namespace ReplicaBench.Runs.Faults;

/// <summary>
/// The throughput side of a fault window, from the one-second series alone (pure, so it is tested
/// on made-up series): the healthy level before the first fault, the lowest second in the window,
/// how long until throughput was back at <see cref="RecoveredFraction"/> of the healthy level, and
/// the stale reads in the window.
/// </summary>
public static class FaultWindowAnalysis
{
    /// <summary>Throughput counts as recovered at 90% of the pre-fault level.</summary>
    public const double RecoveredFraction = 0.9;

    /// <summary>The healthy level is the mean over up to this many seconds before the first fault.</summary>
    public const double BaselineSeconds = 5;

    private const double Epsilon = 1e-9;

    /// <summary>The mean throughput of the whole seconds in the <see cref="BaselineSeconds"/> before <paramref name="firstFaultAt"/>; null when there are none.</summary>
    public static double? PreFaultThroughput(IReadOnlyList<SeriesSecond> series, double firstFaultAt)
    {
        ArgumentNullException.ThrowIfNull(series);
        var from = Math.Max(0, firstFaultAt - BaselineSeconds);
        var before = series.Where(s => s.Start >= from - Epsilon && s.End <= firstFaultAt + Epsilon).ToList();
        return before.Count == 0 ? null : before.Average(s => s.Throughput);
    }

    /// <summary>The throughput figures of the window [<paramref name="at"/>, <paramref name="windowEnd"/>).</summary>
    public static WindowThroughput Analyse(IReadOnlyList<SeriesSecond> series, double? preFault, double at, double windowEnd)
    {
        ArgumentNullException.ThrowIfNull(series);
        var window = series.Where(s => s.End > at + Epsilon && s.Start < windowEnd - Epsilon).OrderBy(s => s.Start).ToList();
        var lowest = window.Count == 0 ? (double?)null : window.Min(s => s.Throughput);
        var stale = window.Sum(s => s.StaleReads);
        return new WindowThroughput(lowest, RecoveryMs(window, preFault, at), stale);
    }

    private static double? RecoveryMs(List<SeriesSecond> window, double? preFault, double at)
    {
        if (preFault is not > 0 || window.Count == 0)
        {
            return null;
        }

        var target = RecoveredFraction * preFault.Value;
        var dip = window.FindIndex(s => s.Throughput < target);
        if (dip < 0)
        {
            return 0;
        }

        var recovered = window.FindIndex(dip, s => s.Throughput >= target);
        return recovered < 0 ? null : Math.Max(0, (window[recovered].Start - at) * 1000);
    }
}
