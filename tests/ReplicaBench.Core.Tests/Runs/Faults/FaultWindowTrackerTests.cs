using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Tests.Runs.Faults;

/// <summary>Events filed under the fault window they fell in, on a clock of plain numbers (1 tick = 1 ms).</summary>
public sealed class FaultWindowTrackerTests
{
    private static readonly FaultSchedule KillThenRestart = FaultSchedule.Parse(["replica-kill@2s,replica-restart@4s"]);

    [Fact]
    public void Errors_before_the_first_fault_belong_to_no_window_and_later_ones_to_the_last_fault_begun()
    {
        var tracker = new FaultWindowTracker(2);
        tracker.Failed(Failure(OperationFailureKind.ConnectionLost), 1_500);
        tracker.Begin(0, 2_000);
        tracker.Failed(Failure(OperationFailureKind.ConnectionLost), 2_010);
        tracker.Failed(Failure(OperationFailureKind.ConnectionRefused), 2_030);
        tracker.Failed(Failure(OperationFailureKind.Canceled), 2_040);
        tracker.Complete(0, 2_050, null);
        tracker.Begin(1, 4_000);
        tracker.Failed(Failure(OperationFailureKind.Timeout), 4_500);

        var windows = tracker.Build(KillThenRestart, [], Seconds);

        Assert.Equal((2.0, 2.05, 2.01, 2.03, 2L), (windows[0].StartedAt, windows[0].CompletedAt, windows[0].FirstErrorAt, windows[0].LastErrorAt, windows[0].Errors));
        Assert.Equal(new Dictionary<string, long> { ["connection-lost"] = 1, ["connection-refused"] = 1 }, windows[0].ErrorsByKind);
        Assert.Equal(1, windows[1].Errors);
        Assert.Equal(4.5, windows[1].FirstErrorAt);
        Assert.Null(windows[1].CompletedAt);
    }

    [Fact]
    public void Redirected_reads_are_counted_per_window_and_those_to_the_primary_apart()
    {
        var tracker = new FaultWindowTracker(2);
        tracker.Served(OperationKind.Read, new RoutingDecision(1, 2, true), 1_000);
        tracker.Begin(0, 2_000);
        tracker.Served(OperationKind.Read, new RoutingDecision(1, 2, true), 2_100);
        tracker.Served(OperationKind.Read, RoutingDecision.FallbackToPrimary(1), 2_200);
        tracker.Served(OperationKind.Read, RoutingDecision.Replica(2), 2_300);
        tracker.Served(OperationKind.Write, RoutingDecision.Primary, 2_400);

        var windows = tracker.Build(KillThenRestart, [], Seconds);

        Assert.Equal((2L, 1L), (windows[0].ReadsRedirected, windows[0].ReadsRedirectedToPrimary));
        Assert.Equal(0, windows[1].ReadsRedirected);
        Assert.Null(windows[1].StartedAt);
    }

    [Fact]
    public void Write_unavailability_ends_with_the_first_write_that_succeeds_after_the_promotion()
    {
        var schedule = FaultSchedule.Parse(["failover@2s"]);
        var tracker = new FaultWindowTracker(1);
        tracker.Begin(0, 2_000);
        tracker.Served(OperationKind.Write, RoutingDecision.Primary, 2_001);
        tracker.Failed(Failure(OperationFailureKind.ConnectionRefused), 2_100);
        tracker.Promoted(0, "replica1", 2_600);
        tracker.Served(OperationKind.Write, RoutingDecision.Primary, 2_750);
        tracker.Served(OperationKind.Write, RoutingDecision.Primary, 2_800);
        var node = new TopologyNode("replica1", NodeRole.Primary, "127.0.0.1", 2, "Host=127.0.0.1");
        tracker.FailedOver(0, new FailoverResult(node, node, [], ["replica2"], new TopologyDescriptor { Provider = "local", CreatedAt = DateTimeOffset.UnixEpoch, Nodes = [node] }));

        var window = Assert.Single(tracker.Build(schedule, [], Seconds));

        Assert.Equal(750, window.WriteUnavailableMs!.Value, 6);
        Assert.Equal("replica1", window.Promoted);
        Assert.Equal(["replica2"], window.LeftOut);
    }

    [Fact]
    public void Only_a_failover_reports_write_unavailability()
    {
        var tracker = new FaultWindowTracker(2);
        tracker.Begin(0, 2_000);
        tracker.Served(OperationKind.Write, RoutingDecision.Primary, 2_100);

        Assert.All(tracker.Build(KillThenRestart, [], Seconds), w => Assert.Null(w.WriteUnavailableMs));
    }

    [Fact]
    public void Throughput_figures_come_from_the_series_against_the_level_before_the_first_fault()
    {
        var tracker = new FaultWindowTracker(2);
        tracker.Begin(0, 2_000);
        tracker.Begin(1, 4_000);
        List<SeriesSecond> series = [new(0, 1, 100, 0), new(1, 2, 100, 0), new(2, 3, 10, 3), new(3, 4, 50, 1), new(4, 5, 95, 0), new(5, 6, 100, 0)];

        var windows = tracker.Build(KillThenRestart, series, Seconds);

        Assert.All(windows, w => Assert.Equal(100, w.PreFaultThroughput));
        Assert.Equal((10.0, (double?)null, 4L), (windows[0].LowestThroughput, windows[0].RecoveryMs, windows[0].StaleReads));
        Assert.Equal(0, windows[1].RecoveryMs);
    }

    private static double Seconds(long timestamp) => timestamp / 1000.0;

    private static OperationFailure Failure(OperationFailureKind kind) => new(kind, 1, "replica1", null, "replica1: test");
}
