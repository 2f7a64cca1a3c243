namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// One repeat's value of a metric (&gt; 0), its within-run bootstrap deviations (log scale; null
/// when the run had no per-interval data for it) drawn from <paramref name="Intervals"/> intervals,
/// and the between-run standard deviation its run is taken to have (<see cref="BetweenRunSd"/>).
/// </summary>
internal sealed record MetricSample(double Value, double[]? Deviations, int Intervals, double BetweenRunSd);
