using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>One replica's replay lag (pg_stat_replication.replay_lag, sampled every second) over one step.</summary>
public sealed record ReplicaLagTrend
{
    [Description("Samples the figures come from.")]
    public int Samples { get; init; }

    [Description("Mean replay lag, ms.")]
    public double LagMeanMs { get; init; }

    [Description("99th percentile of the replay lag samples, ms.")]
    public double LagP99Ms { get; init; }

    [Description("Least-squares slope of replay lag against time, ms of lag per second: positive = the lag grows.")]
    public double LagSlopeMsPerSecond { get; init; }

    [Description("True when the slope is significantly positive and at least 10 ms/s (limits.test): the replica replays more slowly than the primary writes at this rate.")]
    public bool FallingBehind { get; init; }
}
