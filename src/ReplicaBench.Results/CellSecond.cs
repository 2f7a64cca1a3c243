using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One second of a cell's measured window; <see cref="T"/> is its end, seconds since the measured start.</summary>
public sealed record CellSecond(
    [property: Description("End of the second, seconds since the cell's measured start: the point covers (t-1, t].")] double T,
    [property: Description("Successful operations per second in it.")] double Throughput,
    [property: Description("Median latency in it, ms; null when no operation completed.")] double? P50Ms,
    [property: Description("p99 latency in it, ms; null when no operation completed.")] double? P99Ms,
    [property: Description("Failed operations in it.")] long Errors,
    [property: Description("Stale reads in it.")] long StaleReads);
