using ReplicaBench.IntegrationTests.Infrastructure;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>The server lag samples of a real run on the run's one timeline: seconds since the measured start.</summary>
[Collection(ReadOnlyRoundRobinRun.Collection)]
public sealed class LagTimelineTests(SharedTopologyFixture fixture, ReadOnlyRoundRobinRun run)
{
    [Fact]
    public async Task Lag_samples_start_within_a_second_of_the_measured_start_and_end_inside_the_measured_window()
    {
        _ = fixture.Topology;
        using var results = ResultsJson.Read(await run.RunAsync());
        var cell = ResultsJson.CellsById(results)["r2-round-robin"];
        var duration = cell.GetProperty("durationSeconds").GetDouble();
        var lag = cell.GetProperty("lag").EnumerateArray().Select(l => l.GetProperty("t").GetDouble()).ToArray();

        // The sampler takes a round each second, so the first lands in the window's first second
        // and the last in its last (0.1 s allows for a slow round on a loaded machine).
        Assert.Equal(ReadOnlyRoundRobinRun.Duration.TotalSeconds, duration, 0.2);
        Assert.InRange(lag.Min(), 0, 1.1);
        Assert.InRange(lag.Max(), duration - 1.1, duration);
        Assert.Equal(lag.Order(), lag);
    }
}
