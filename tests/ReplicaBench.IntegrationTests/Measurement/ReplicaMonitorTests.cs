using System.Diagnostics;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>The monitor's LSN-timeline lag on real replicas: 0 when idle, the apply delay while writes flow.</summary>
public sealed class ReplicaMonitorTests(SharedTopologyFixture fixture)
{
    private const int Replica1 = 0;
    private const int Replica2 = 1;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Replica1_shows_zero_lag_at_idle_and_replica2_a_lag_near_its_apply_delay_while_writes_flow()
    {
        var topology = fixture.Topology;
        var board = new NodeStateBoard(2);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var monitor = new ReplicaMonitor(topology, board);
        var running = monitor.RunAsync(stop.Token);
        try
        {
            // Both replicas report and have replayed everything earlier tests wrote.
            await WaitUntilAsync(() => board.LagMicroseconds(Replica1) == 0 && board.LagMicroseconds(Replica2) == 0, TimeSpan.FromSeconds(5));
            Assert.NotEqual(0UL, board.PrimaryLsn);
            Assert.Equal(board.PrimaryLsn, board.ReplayLsn(Replica1));

            var (idle, _) = await SampleAsync(board, TimeSpan.FromMilliseconds(300));
            Assert.Equal(0, Median(idle));
            Assert.All(idle, lag => Assert.InRange(lag, 0, 50_000));

            List<long> replica1, replica2;
            await using (var writes = await MarkerWriteLoop.StartAsync(topology.Primary.ConnectionString, Token))
            {
                // Let replica2 fall its 300 ms behind, then watch.
                await Task.Delay(500, Token);
                (replica1, replica2) = await SampleAsync(board, TimeSpan.FromMilliseconds(600));
                Assert.True(writes.Commits > 20, $"only {writes.Commits} commits were written");
            }

            var delay = SharedTopologyFixture.Replica2ApplyDelay.TotalMicroseconds;
            Assert.InRange(Median(replica2), (long)(delay * 0.5), (long)(delay * 1.5));
            Assert.InRange(Median(replica1), 0, 50_000);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private static async Task<(List<long> Replica1, List<long> Replica2)> SampleAsync(NodeStateBoard board, TimeSpan duration)
    {
        var replica1 = new List<long>();
        var replica2 = new List<long>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            replica1.Add(board.LagMicroseconds(Replica1));
            replica2.Add(board.LagMicroseconds(Replica2));
            await Task.Delay(10, Token);
        }

        return (replica1, replica2);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"not reached within {timeout.TotalSeconds} s");
            await Task.Delay(10, Token);
        }
    }

    private static long Median(List<long> values) => values.Order().ElementAt(values.Count / 2);
}
