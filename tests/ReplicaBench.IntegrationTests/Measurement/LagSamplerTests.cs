using System.Threading.Channels;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>The server-side lag figures from a real primary and replicas.</summary>
public sealed class LagSamplerTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sample_has_a_streaming_row_with_byte_lag_for_both_replicas()
    {
        await using var sampler = new LagSampler(fixture.Topology);

        var sample = await sampler.SampleAsync(Token);

        Assert.Null(sample.PrimaryError);
        Assert.Equal(["replica1", "replica2"], sample.Replicas.Select(r => r.Name));
        Assert.All(sample.Replicas, r =>
        {
            Assert.Null(r.Error);
            Assert.Equal("streaming", r.State);
            Assert.NotNull(r.ReplayLagBytes);
            Assert.NotNull(r.ReceiveReplayGapBytes);
        });
    }

    [Fact]
    public async Task While_writes_flow_the_delayed_replica_reports_wal_received_but_not_replayed()
    {
        var topology = fixture.Topology;
        var samples = Channel.CreateUnbounded<LagSample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await using var sampler = new LagSampler(topology, new LagSamplerOptions { Interval = TimeSpan.FromMilliseconds(100) });

        await using (await MarkerWriteLoop.StartAsync(topology.Primary.ConnectionString, Token))
        {
            await Task.Delay(400, Token);
            var running = sampler.RunAsync(samples.Writer, stop.Token);
            await Task.Delay(500, Token);
            await stop.CancelAsync();
            await running;
        }

        var all = new List<LagSample>();
        await foreach (var sample in samples.Reader.ReadAllAsync(Token))
        {
            all.Add(sample);
        }

        Assert.InRange(all.Count, 3, 7);
        Assert.Equal(all.Select(s => s.Elapsed).Order(), all.Select(s => s.Elapsed));

        // replica2 holds ~300 ms of received WAL back from replay; replica1 applies as it arrives.
        Assert.Contains(all, s => s.Replicas[1].ReceiveReplayGapBytes > 0);
        Assert.True(
            all.Count(s => s.Replicas[1].ReceiveReplayGapBytes > 0) > all.Count(s => s.Replicas[0].ReceiveReplayGapBytes > 0),
            "the delayed replica should hold back more WAL than the undelayed one");
    }
}
