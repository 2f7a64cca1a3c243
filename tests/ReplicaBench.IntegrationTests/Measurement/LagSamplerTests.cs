using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;

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
    public async Task A_frozen_replica_reads_a_second_further_behind_every_second_while_the_others_figure_stays_its_own()
    {
        // Known answer: a frozen (SIGSTOP) standby replays and replies nothing, so while the primary
        // writes, what the primary knows it to have replayed ages one second per second; its raw
        // replay_lag stays at its last value (1.3 ms for 8 s, measured by hand).
        var topology = fixture.Topology;
        var faults = TopologyFaults.For(fixture.StateDirectory);
        await using var sampler = new LagSampler(topology);
        LagSample first, second;
        await using (await MarkerWriteLoop.StartAsync(topology.Primary.ConnectionString, Token))
        {
            await Task.Delay(300, Token);
            await faults.FreezeReplicaAsync("replica1", Token);
            try
            {
                // Past the standby's 1 s status interval, after which its silence counts.
                await Task.Delay(1500, Token);
                first = await sampler.SampleAsync(Token);
                await Task.Delay(2000, Token);
                second = await sampler.SampleAsync(Token);
            }
            finally
            {
                await faults.ThawReplicaAsync("replica1", CancellationToken.None);
            }
        }

        var between = (second.Elapsed - first.Elapsed).TotalMilliseconds;
        var grew = (second.Replicas[0].ReplayLag!.Value - first.Replicas[0].ReplayLag!.Value).TotalMilliseconds;
        // Tolerance 200 ms: each figure is read at the primary's now(), a few ms from the sample's own clock.
        Assert.InRange(grew, between - 200, between + 200);
        // replica2 replies as usual: its figure is its own 300 ms apply delay, not the frozen one's silence.
        Assert.InRange(second.Replicas[1].ReplayLag!.Value.TotalMilliseconds, 0, 1000);
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

    [Fact]
    public async Task A_replica_that_never_answers_does_not_hold_back_the_primary_figures_of_the_others()
    {
        // replica3 accepts connections and never answers (a frozen server, or one too starved to fork a backend).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    accepted.Add(await silent.AcceptSocketAsync(Token));
                }
                catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return;
                }
            }
        }, Token);
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var topology = fixture.Topology with
        {
            Nodes =
            [
                .. fixture.Topology.Nodes,
                new TopologyNode("replica3", NodeRole.Replica, "127.0.0.1", port, $"Host=127.0.0.1;Port={port};Username=nobody;Password=none;Database=none;Timeout=30"),
            ],
        };

        // Its query may take 30 s: before the fix each round waited that long for it.
        var samples = Channel.CreateUnbounded<LagSample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        await using (var sampler = new LagSampler(topology, new LagSamplerOptions { Interval = TimeSpan.FromMilliseconds(300), QueryTimeout = TimeSpan.FromSeconds(30) }))
        {
            var running = sampler.RunAsync(samples.Writer, stop.Token);
            await Task.Delay(TimeSpan.FromSeconds(3), Token);
            await stop.CancelAsync();
            await running;
        }

        silent.Stop();
        await accepting;
        accepted.ForEach(s => s.Dispose());
        var all = new List<LagSample>();
        await foreach (var sample in samples.Reader.ReadAllAsync(Token))
        {
            all.Add(sample);
        }

        // 3 s at one round per 0.3 s is 10 rounds; 5 leaves room for a slow machine, 1 is what a held round gives.
        Assert.InRange(all.Count, 5, 11);
        Assert.All(all, sample =>
        {
            Assert.Null(sample.PrimaryError);
            Assert.All(sample.Replicas.Take(2), r => Assert.Equal("streaming", r.State));
            Assert.Null(sample.Replicas[2].State);
            Assert.Equal("no answer within 0.3s", sample.Replicas[2].Error);
        });
        Assert.Single(accepted);
    }
}
