using HdrHistogram;

namespace ReplicaBench.Results;

/// <summary>One histogram read back from an interval log: its tag, the interval it covers, and the values (µs).</summary>
public sealed record IntervalHistogram(string? Tag, DateTimeOffset Start, DateTimeOffset End, HistogramBase Histogram);
