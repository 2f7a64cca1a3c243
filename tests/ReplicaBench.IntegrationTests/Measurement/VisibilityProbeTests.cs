using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>
/// The visibility probe against the ground truth of <c>recovery_min_apply_delay</c>: replica2's p50
/// within 15% of its delay D (300 ms as started, 100 ms set at runtime), undelayed replica1 under 10 ms;
/// with a marker timeout below D every replica2 marker is censored and its p50 reads "at least the
/// timeout"; markers the probe could not send or resolve are counted, not dropped.
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

    [Fact]
    public async Task With_a_timeout_below_the_apply_delay_every_marker_on_the_delayed_replica_is_censored_at_the_timeout()
    {
        var timeout = TimeSpan.FromMilliseconds(200);
        var options = new VisibilityProbeOptions { Samples = 10, Timeout = timeout };

        var result = await new VisibilityProbe(fixture.Topology, options).RunAsync(Token);

        var replica1 = result.Replicas.Single(r => r.Name == "replica1");
        var replica2 = result.Replicas.Single(r => r.Name == "replica2");
        TestContext.Current.TestOutputHelper?.WriteLine(Summary(result));
        Assert.Equal(10, result.MarkersSent);
        Assert.Null(replica2.Error);
        Assert.Equal((10L, 0L, 10L, 10L), (replica2.Samples, replica2.Seen, replica2.Censored, replica2.Timeouts));
        Assert.Equal(new VisibilityDelay(timeout.TotalMilliseconds, IsLowerBound: true), replica2.P50);
        Assert.Equal(new VisibilityDelay(timeout.TotalMilliseconds, IsLowerBound: true), replica2.Max);
        Assert.Equal(0.0, replica2.VisibleWithin(TimeSpan.FromSeconds(1)));

        Assert.Equal((10L, 10L, 0L), (replica1.Samples, replica1.Seen, replica1.Censored));
        Assert.False(replica1.P50!.Value.IsLowerBound);
        Assert.True(replica1.P50.Value.Milliseconds < timeout.TotalMilliseconds, Summary(result));
    }

    [Fact]
    public async Task Markers_the_send_window_left_unsent_are_counted_and_the_probe_did_not_keep_up()
    {
        // 50 markers 20 ms apart need about a second; a 200 ms window has room for 10 at most.
        var options = new VisibilityProbeOptions { Samples = 50, SendWindow = TimeSpan.FromMilliseconds(200) };

        var result = await new VisibilityProbe(fixture.Topology, options).RunAsync(Token);

        Assert.InRange(result.MarkersSent, 1, 10);
        Assert.Equal(50 - result.MarkersSent, result.MarkersUnsent);
        Assert.All(result.Replicas, r =>
        {
            Assert.Equal(result.MarkersSent, r.Samples);
            Assert.Equal(0, r.Censored);
            Assert.False(r.KeptUp);
        });
    }

    [Fact]
    public async Task A_probe_told_to_finish_reports_the_markers_still_unseen_as_censored_not_missing()
    {
        // 150 markers 20 ms apart take over 3 s; finishing after 2 s leaves those of the last 300 ms
        // unseen on replica2 (they replay 300 ms after their commit).
        var options = new VisibilityProbeOptions { Samples = 150 };
        using var finish = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var result = await new VisibilityProbe(fixture.Topology, options).RunAsync(finish.Token, Token);

        var replica2 = result.Replicas.Single(r => r.Name == "replica2");
        Assert.InRange(result.MarkersSent, 1, 149);
        Assert.Equal(result.MarkersSent, replica2.Samples);
        Assert.InRange(replica2.Unresolved, 1, result.MarkersSent);
        Assert.Equal(0, replica2.Timeouts);
        Assert.All(replica2.CensoredMicroseconds, watched => Assert.InRange(watched, 0, (long)(SharedTopologyFixture.Replica2ApplyDelay.TotalMicroseconds * 2)));
        Assert.False(replica2.KeptUp);
        Assert.True(replica2.Max!.Value.IsLowerBound);
    }

    private static void AssertMeasured(VisibilityProbeResult result, TimeSpan replica2Delay)
    {
        var replica1 = result.Replicas.Single(r => r.Name == "replica1");
        var replica2 = result.Replicas.Single(r => r.Name == "replica2");
        var d = replica2Delay.TotalMilliseconds;

        Assert.All(result.Replicas, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal(0, r.Censored);
            Assert.Equal(Options.Samples, r.Samples);
        });
        Assert.Equal(d, replica2.ApplyDelayMs);
        Assert.Equal(0, replica1.ApplyDelayMs);
        Assert.All(result.Replicas, r => Assert.False(r.P50!.Value.IsLowerBound));
        Assert.True(
            Math.Abs(replica2.P50!.Value.Milliseconds - d) <= Tolerance * d,
            $"replica2 p50 {replica2.P50} is not within 15% of its {d} ms apply delay ({Summary(result)})");
        Assert.True(
            replica1.P50!.Value.Milliseconds < UndelayedP50LimitMs,
            $"undelayed replica1 p50 {replica1.P50} is not under {UndelayedP50LimitMs} ms ({Summary(result)})");
    }

    private static string Summary(VisibilityProbeResult result) => string.Join("; ", result.Replicas.Select(r =>
        $"{r.Name}: p50 {r.P50} p99 {r.P99} max {r.Max}, resolution {r.MeanResolution.TotalMilliseconds:0.###} ms, {r.Pace.FarBehind} of {r.Pace.Polls} polls late"));
}
