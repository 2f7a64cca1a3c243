using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>The server-side sampler without servers: unreachable nodes are reported, and samples follow the clock.</summary>
public sealed class LagSamplerTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Unreachable_nodes_are_reported_in_the_sample_instead_of_crashing_the_sampler()
    {
        await using var sampler = new LagSampler(UnreachableTopology.Create());

        var sample = await sampler.SampleAsync(TestContext.Current.CancellationToken);

        Assert.Contains("cannot connect", sample.PrimaryError, StringComparison.Ordinal);
        Assert.Equal(["replica1", "replica2"], sample.Replicas.Select(r => r.Name));
        Assert.All(sample.Replicas, r =>
        {
            Assert.Contains("cannot connect", r.Error, StringComparison.Ordinal);
            Assert.Null(r.State);
            Assert.Null(r.ReplayLag);
            Assert.Null(r.ReplayLagBytes);
            Assert.Null(r.LastReplayAge);
        });
        Assert.DoesNotContain("not-a-secret", sample.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Samples_are_stamped_with_elapsed_and_wall_time_from_the_time_provider_every_interval()
    {
        var clock = new FakeTimeProvider(Start);
        var samples = Channel.CreateUnbounded<LagSample>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var sampler = new LagSampler(UnreachableTopology.Create(1), new LagSamplerOptions(), clock);

        var running = sampler.RunAsync(samples.Writer, stop.Token);
        var first = await samples.Reader.ReadAsync(TestContext.Current.CancellationToken);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await samples.Reader.ReadAsync(TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        await running;

        Assert.Equal(TimeSpan.Zero, first.Elapsed);
        Assert.Equal(Start, first.WallTime);
        Assert.Equal(TimeSpan.FromSeconds(1), second.Elapsed);
        Assert.Equal(Start.AddSeconds(1), second.WallTime);
        Assert.True(samples.Reader.Completion.IsCompleted, "the channel is completed when the sampler stops");
    }

    [Fact]
    public async Task Elapsed_counts_from_the_origin_the_caller_gives()
    {
        var clock = new FakeTimeProvider(Start);
        var runStart = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromSeconds(7));
        await using var sampler = new LagSampler(UnreachableTopology.Create(1), new LagSamplerOptions { OriginTimestamp = runStart }, clock);

        var sample = await sampler.SampleAsync(TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(7), sample.Elapsed);
    }
}
