using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>
/// The visibility probe against the ground truth of <c>recovery_min_apply_delay</c>: replica2's p50
/// within 15% of its delay D (300 ms as started, 100 ms set at runtime), undelayed replica1 under 10 ms.
/// </summary>
public sealed class VisibilityProbeTests(SharedTopologyFixture fixture)
{
    private const double Tolerance = 0.15;
    private const double UndelayedP50LimitMs = 10;

    // 60 markers 20 ms apart: a steady median, and a run of about 1.5 s plus the delay.
    private static readonly VisibilityProbeOptions Options = new() { Samples = 60 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_probe_measures_a_300ms_apply_delay_within_15_percent_and_the_undelayed_replica_under_10ms()
    {
        var result = await new VisibilityProbe(fixture.Topology, Options).RunAsync(Token);

        AssertMeasured(result, SharedTopologyFixture.Replica2ApplyDelay);
    }

    [Fact]
    public async Task The_probe_measures_a_100ms_apply_delay_set_at_runtime_within_15_percent()
    {
        var topology = fixture.Topology;
        var delay = TimeSpan.FromMilliseconds(100);
        VisibilityProbeResult result;
        await using (await ApplyDelaySetting.ChangeAsync(topology.FindNode("replica2")!, delay, Token))
        {
            result = await new VisibilityProbe(topology, Options).RunAsync(Token);
        }

        AssertMeasured(result, delay);
    }

    private static void AssertMeasured(VisibilityProbeResult result, TimeSpan replica2Delay)
    {
        var replica1 = result.Replicas.Single(r => r.Name == "replica1");
        var replica2 = result.Replicas.Single(r => r.Name == "replica2");
        var d = replica2Delay.TotalMilliseconds;

        Assert.All(result.Replicas, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(0, r.Timeouts);
            Assert.Equal(Options.Samples, r.Samples);
        });
        Assert.Equal(d, replica2.ApplyDelayMs);
        Assert.Equal(0, replica1.ApplyDelayMs);
        Assert.True(
            Math.Abs(replica2.P50Ms!.Value - d) <= Tolerance * d,
            $"replica2 p50 {replica2.P50Ms:0.###} ms is not within 15% of its {d} ms apply delay ({Summary(result)})");
        Assert.True(
            replica1.P50Ms!.Value < UndelayedP50LimitMs,
            $"undelayed replica1 p50 {replica1.P50Ms:0.###} ms is not under {UndelayedP50LimitMs} ms ({Summary(result)})");
    }

    private static string Summary(VisibilityProbeResult result) => string.Join("; ", result.Replicas.Select(r =>
        $"{r.Name}: p50 {r.P50Ms:0.###} p99 {r.P99Ms:0.###} max {r.MaxMs:0.###} ms, resolution {r.MeanResolution.TotalMilliseconds:0.###} ms"));
}
