namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// Where the run streamed its measurements: the HdrHistogram interval log (<c>.hlog</c>, one
/// compressed histogram per interval and tag — read it back with the results contract's <c>IntervalLogReader</c>) and
/// the JSON-lines time series (<c>.series.jsonl</c>, one object per interval). Both are flushed at
/// every interval, so a crash loses at most the interval in progress.
/// </summary>
public sealed record RunFiles(string IntervalLog, string Series);
