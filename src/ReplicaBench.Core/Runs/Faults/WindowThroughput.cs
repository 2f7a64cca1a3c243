namespace ReplicaBench.Runs.Faults;

/// <summary>The throughput side of one fault window (see <see cref="FaultWindowAnalysis"/>).</summary>
/// <param name="Lowest">The lowest one-second throughput in the window; null when no second overlaps it.</param>
/// <param name="RecoveryMs">Time from the fault until throughput was back at 90% of the pre-fault level (0: never below; null: not within the window, or no pre-fault level).</param>
/// <param name="StaleReads">Stale reads in the seconds overlapping the window.</param>
public readonly record struct WindowThroughput(double? Lowest, double? RecoveryMs, long StaleReads);
