namespace ReplicaBench.Reporting.Results;

/// <summary>One second of a cell's measured window.</summary>
public sealed record TimeSeriesPoint(double T, double Throughput, double? P50Ms, double? P99Ms, long Errors, long StaleReads);
