using System.Threading.Channels;
using ReplicaBench.Engine;
using ReplicaBench.Measurement;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Measurement;

/// <summary>
/// Stopping the samplers while a server is not answering (a fault scenario stops them right after
/// it fenced the primary) ends them normally: the connection attempt the stop interrupts is not an error.
/// </summary>
public sealed class SamplerStopTests : IDisposable
{
    private readonly SilentServer _silent = new();

    public void Dispose() => _silent.Dispose();

    [Fact]
    public async Task A_monitor_stopped_while_connecting_to_a_silent_server_ends_normally()
    {
        var topology = Silent(replicas: 1);
        using var stop = new CancellationTokenSource();
        var running = new ReplicaMonitor(topology, new NodeStateBoard(1)).RunAsync(stop.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_lag_sampler_stopped_while_connecting_to_a_silent_server_ends_normally()
    {
        await using var sampler = new LagSampler(Silent(replicas: 1));
        var samples = Channel.CreateUnbounded<LagSample>();
        using var stop = new CancellationTokenSource();
        var running = sampler.RunAsync(samples.Writer, stop.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        await stop.CancelAsync();

        await running.WaitAsync(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
    }

    private TopologyDescriptor Silent(int replicas) => new()
    {
        Provider = "local",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Nodes = [_silent.Node("primary", NodeRole.Primary), .. Enumerable.Range(1, replicas).Select(i => _silent.Node($"replica{i}", NodeRole.Replica))],
    };
}
