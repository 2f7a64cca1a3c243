using ReplicaBench.Measurement;
using ReplicaBench.Results;

namespace ReplicaBench.Runs.Limits;

/// <summary>
/// Turns the cells of <c>replicabench limits</c>' steps into <see cref="LimitsResults"/>: per step
/// the achieved write rate, the WAL rate, the catch-up before it, each replica's lag trend
/// (<see cref="LagTrend"/>) and each node's CPU; per replica the sustainable write rate.
/// </summary>
/// <remarks>
/// A replica's sustainable rate is the highest step below the first step at which it fell behind,
/// not the highest step at which it did not: once a replica falls behind at some rate, a higher step
/// that happens to pass (a short step, a noisy sample) does not make that higher rate safe.
/// </remarks>
public static class LimitsAnalysis
{
    /// <summary>
    /// The limits of <paramref name="steps"/>, each its target write rate and the cell that ran it, in
    /// the order run. A step's catch-up is the wait recorded before the next step's cell (the replay
    /// of this step's backlog); the last step's is <paramref name="lastCatchUp"/>, waited for after it.
    /// </summary>
    public static LimitsResults From(IReadOnlyList<(double Rate, CellResults Cell)> steps, CatchUpResults? lastCatchUp = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var measured = steps.Select((s, i) => Step(s.Rate, s.Cell, i + 1 < steps.Count ? steps[i + 1].Cell.CatchUp : lastCatchUp)).ToList();
        var replicas = measured.SelectMany(s => s.Replicas.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new LimitsResults
        {
            Steps = measured,
            SustainableWriteRate = replicas.ToDictionary(r => r, r => Sustainable(measured, r), StringComparer.Ordinal),
            Test = LagTrend.TestDescription,
        };
    }

    private static double? Sustainable(IReadOnlyList<LimitStep> steps, string replica)
    {
        double? sustainable = null;
        foreach (var step in steps)
        {
            if (step.Replicas.TryGetValue(replica, out var trend) && trend.FallingBehind)
            {
                return sustainable;
            }

            if (step.Replicas.ContainsKey(replica))
            {
                sustainable = step.Rate;
            }
        }

        return sustainable;
    }

    private static LimitStep Step(double rate, CellResults cell, CatchUpResults? after) => new()
    {
        Cell = cell.Id,
        Rate = rate,
        AchievedRate = cell.WriteThroughput ?? 0,
        WalBytesPerSecond = cell.WalBytesPerSecond,
        CatchUpSeconds = after is { } catchUp ? catchUp.WaitedMs / 1000 : null,
        CatchUpTimedOut = after?.TimedOut ?? false,
        // A streaming replica whose replay_lag reads NULL has replayed everything the primary wrote
        // (PostgreSQL clears it once the standby reports it caught up): lag 0, not a missing sample.
        // Without the primary's row (no byte lag either) the sample is missing.
        Replicas = cell.Lag
            .Where(p => (p.ReplayLagMs is not null || p.ByteLag is not null) && p.T >= 0)
            .GroupBy(p => p.Replica, StringComparer.Ordinal)
            .Select(g => (Replica: g.Key, Trend: LagTrend.Fit([.. g.OrderBy(p => p.T).Select(p => (p.T, p.ReplayLagMs ?? 0))])))
            .Where(r => r.Trend is not null)
            .ToDictionary(r => r.Replica, r => Trend(r.Trend!), StringComparer.Ordinal),
        Nodes = cell.Nodes
            .Where(n => n.CpuCoresUsed is not null)
            .ToDictionary(n => n.Name, n => new LimitStepNodeCpu { CoresUsed = n.CpuCoresUsed!.Value, QuotaCores = n.CpuQuotaCores }, StringComparer.Ordinal),
    };

    private static ReplicaLagTrend Trend(LagTrend trend) => new()
    {
        Samples = trend.Samples,
        LagMeanMs = Math.Round(trend.MeanMs, 3),
        LagP99Ms = Math.Round(trend.P99Ms, 3),
        LagSlopeMsPerSecond = Math.Round(trend.SlopeMsPerSecond, 3),
        FallingBehind = trend.FallingBehind,
    };
}
