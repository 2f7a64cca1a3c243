using ReplicaBench.Topology;
using ReplicaBench.Topology.Containers;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// One container topology for the tests that only read and write rows: a primary and two replicas on
/// host networking, replica2 with a 300 ms apply delay (as the local shared topology has).
/// </summary>
public sealed class ContainerTopologyFixture : IAsyncLifetime
{
    public static readonly TimeSpan Replica2ApplyDelay = TimeSpan.FromMilliseconds(300);

    private string? _unavailable;
    private TopologyDescriptor? _topology;

    public TopologyStateDirectory StateDirectory { get; } = new(Directory.CreateTempSubdirectory("rb-it-containers-").FullName);

    /// <summary>How long <c>up</c> took (primary + 2 replicas, all streaming).</summary>
    public TimeSpan UpTime { get; private set; }

    /// <summary>The running topology; skips (or, under CI, fails) the test when Docker is not usable.</summary>
    public TopologyDescriptor Topology
    {
        get
        {
            DockerRequirement.Ensure(_unavailable);
            return _topology ?? throw new InvalidOperationException("the container topology did not start");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _unavailable = await DockerRequirement.MissingReasonAsync();
        if (_unavailable is not null)
        {
            return;
        }

        var request = new TopologyRequest(2, ApplyDelayPlan.Parse([$"replica2={Replica2ApplyDelay.TotalMilliseconds}ms"]));
        var provider = new ContainersTopologyProvider(new ContainerTopologyOptions(DockerRequirement.Image, ContainerNetworkMode.Host), TimeProvider.System);
        var started = System.Diagnostics.Stopwatch.StartNew();
        _topology = await TopologyLifecycle.UpAsync(provider, request, StateDirectory, CancellationToken.None);
        UpTime = started.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await TopologyLifecycle.DownAsync(StateDirectory, CancellationToken.None);
        }

        Directory.Delete(StateDirectory.Path, recursive: true);
    }
}
