using ReplicaBench.Results;
using ReplicaBench.Runs.Limits;

namespace ReplicaBench.Tests.Runs.Limits;

/// <summary>How <c>limits</c> turns its steps' cells into per-step figures, by known answer.</summary>
public sealed class LimitsAnalysisTests
{
    [Fact]
    public void Each_step_records_the_catch_up_that_followed_it_and_the_last_step_the_final_wait()
    {
        // The matrix runner waits before each cell, so the wait recorded on the 3,000 step's cell is
        // the replay of the 300 step's backlog; the runner's own wait after the last step ends the run.
        (double, CellResults)[] steps =
        [
            (300, Cell("w300", waitedMs: 900, level: 5)),
            (3000, Cell("w3000", waitedMs: 250, level: 5)),
        ];

        var limits = LimitsAnalysis.From(steps, new CatchUpResults { WaitedMs = 4200, TimedOut = true });

        Assert.Equal([0.25, 4.2], limits.Steps.Select(s => s.CatchUpSeconds));
        Assert.Equal([false, true], limits.Steps.Select(s => s.CatchUpTimedOut));
    }

    [Fact]
    public void A_replica_whose_lag_grows_100_ms_a_second_falls_behind_and_its_sustainable_rate_is_the_step_before()
    {
        (double, CellResults)[] steps =
        [
            (300, Cell("w300", waitedMs: 0, level: 5)),
            (3000, Cell("w3000", waitedMs: 0, level: 5, slope: 100)),
        ];

        var limits = LimitsAnalysis.From(steps);

        Assert.False(limits.Steps[0].Replicas["replica1"].FallingBehind);
        Assert.True(limits.Steps[1].Replicas["replica1"].FallingBehind);
        // 100 ms/s plus the alternating ±1 ms's own slope over t = 0..9: -5/82.5 = -0.0606 ms/s.
        Assert.Equal(99.939, limits.Steps[1].Replicas["replica1"].LagSlopeMsPerSecond, 3);
        Assert.Equal(300, limits.SustainableWriteRate["replica1"]);
        Assert.Null(limits.Steps[1].CatchUpSeconds);
    }

    // Ten samples a second apart, level at 5 ms plus slope·t, alternating ±1 ms so the fit has residuals.
    private static CellResults Cell(string id, double waitedMs, double level, double slope = 0) => new()
    {
        Id = id,
        CatchUp = new CatchUpResults { WaitedMs = waitedMs },
        Lag = [.. Enumerable.Range(0, 10).Select(t => new ReplicaLagPoint(t, "replica1", level + (slope * t) + (t % 2 == 0 ? 1 : -1), null, null))],
    };
}
