using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Engine;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Measurement;

/// <summary>
/// A replica that never answers holds no round of the lag sampler back beyond one interval, on a
/// fake clock: the round reports it as not answering and goes on, and later rounds wait on the same
/// query instead of opening another connection to it.
/// </summary>
public sealed class SlowReplicaSamplingTests : IDisposable
{
    private readonly SilentServer _silent = new();

    public void Dispose() => _silent.Dispose();

    [Fact]
    public async Task A_replica_that_never_answers_is_reported_each_interval_and_asked_only_once()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var refused = UnreachableTopology.Create(1);
        var topology = refused with { Nodes = [.. refused.Nodes, _silent.Node("replica2", NodeRole.Replica)] };

        // The query timeout is far beyond the test: only the round's own wait (one interval) can end a round.
        var options = new LagSamplerOptions { Interval = TimeSpan.FromSeconds(1), QueryTimeout = TimeSpan.FromMinutes(5) };
        var samples = Channel.CreateUnbounded<LagSample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var sampler = new LagSampler(topology, options, clock);
        var running = sampler.RunAsync(samples.Writer, stop.Token);

        var rounds = new List<LagSample>();
        while (rounds.Count < 3)
        {
            if (samples.Reader.TryRead(out var sample))
            {
                rounds.Add(sample);
                continue;
            }

            // Real time only lets the round reach its wait; the fake clock ends it.
            await Task.Delay(5, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        await stop.CancelAsync();
        await running;

        Assert.All(rounds, round =>
        {
            Assert.Equal(["replica1", "replica2"], round.Replicas.Select(r => r.Name));
            Assert.Contains("cannot connect", round.Replicas[0].Error, StringComparison.Ordinal);
            Assert.Equal("no answer within 1s", round.Replicas[1].Error);
        });

        // Rounds a second apart on the fake clock (each ends when its one-second wait runs out; 0.1 s
        // is the step the clock is moved by).
        Assert.InRange((rounds[2].Elapsed - rounds[0].Elapsed).TotalSeconds, 2, 2.2);
        Assert.Equal(1, _silent.Accepted);
    }
}
