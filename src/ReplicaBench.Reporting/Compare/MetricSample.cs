namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// One repeat's value of a metric (&gt; 0) and its within-run bootstrap deviations (log scale;
/// null when the run had no per-interval data for it). <paramref name="Intervals"/> counts the
/// intervals the deviations were drawn from.
/// </summary>
internal sealed record MetricSample(double Value, double[]? Deviations, int Intervals);
