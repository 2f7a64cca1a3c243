namespace ReplicaBench.Runs.Faults;

/// <summary>One interval of a cell's series as fault analysis reads it: seconds into the measured window, throughput, stale reads.</summary>
public readonly record struct SeriesSecond(double Start, double End, double Throughput, long StaleReads);
