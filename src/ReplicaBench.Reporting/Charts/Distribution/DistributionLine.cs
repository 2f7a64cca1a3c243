namespace ReplicaBench.Reporting.Charts.Distribution;

/// <summary>One line of a percentile-distribution chart: a cell's points, drawn dashed when it is the baseline run's.</summary>
public sealed record DistributionLine(string Label, IReadOnlyList<PercentilePoint> Points, bool IsBaseline = false);
