using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// The topology shared by every integration test that only reads or writes rows: a primary and two
/// replicas, replica2 with a 300 ms apply delay (the ground truth for staleness tests).
/// </summary>
public sealed class SharedTopologyFixture : IAsyncLifetime
{
    public static readonly TimeSpan Replica2ApplyDelay = TimeSpan.FromMilliseconds(300);

    private string? _unavailable;
    private TopologyDescriptor? _topology;

    public TopologyStateDirectory StateDirectory { get; } =
        new(Directory.CreateTempSubdirectory("rb-it-state-").FullName);

    /// <summary>The running topology; skips (or, under CI, fails) the test when there is none.</summary>
    public TopologyDescriptor Topology
    {
        get
        {
            PostgresRequirement.Ensure(_unavailable);
            return _topology ?? throw new InvalidOperationException("the shared topology did not start");
        }
    }

    public async ValueTask InitializeAsync()
    {
        _unavailable = PostgresRequirement.MissingReason();
        if (_unavailable is not null)
        {
            return;
        }

        var request = new TopologyRequest(2, ApplyDelayPlan.Parse([$"replica2={Replica2ApplyDelay.TotalMilliseconds}ms"]));
        _topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(), request, StateDirectory, CancellationToken.None);
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
