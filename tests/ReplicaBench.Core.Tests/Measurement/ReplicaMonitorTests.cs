using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Measurement;

/// <summary>The monitor without servers: what it publishes when it cannot reach anything.</summary>
public sealed class ReplicaMonitorTests
{
    [Fact]
    public async Task Unreachable_replicas_get_unknown_lag_stamped_on_the_monitors_clock_and_are_out_of_rotation_but_not_marked_down()
    {
        var board = new NodeStateBoard(2);
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var monitor = new ReplicaMonitor(UnreachableTopology.Create(), board, timeProvider: clock);

        var running = monitor.RunAsync(stop.Token);
        var waited = Stopwatch.StartNew();
        while ((board.SampledAtTimestamp(0) == 0 || board.SampledAtTimestamp(1) == 0) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await running;

        Assert.All([0, 1], replica =>
        {
            Assert.Equal(clock.GetTimestamp(), board.SampledAtTimestamp(replica));
            Assert.Equal(-1, board.LagMicroseconds(replica));
            Assert.Equal(0UL, board.ReplayLsn(replica));
            Assert.False(board.IsMarkedDown(replica), "marking down (and the recheck that ends it) is the router's business");
            Assert.False(board.IsAnswering(replica), "a replica that does not answer the monitor takes no reads until it does");
            Assert.False(board.IsHealthy(replica));
        });
        Assert.Equal(0UL, board.PrimaryLsn);
        Assert.Equal(0, monitor.Timeline.Count);
    }

    [Fact]
    public void A_board_that_does_not_match_the_topology_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReplicaMonitor(UnreachableTopology.Create(2), new NodeStateBoard(3)));

        Assert.Contains("3 replica slot(s) but the topology has 2", error.Message, StringComparison.Ordinal);
    }
}
