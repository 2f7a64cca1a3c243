using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Poolers;

/// <summary>
/// One local topology (primary + 1 replica) with a PgBouncer in front of each node
/// (<c>--pooler pgbouncer</c>), shared by the pooler tests and brought up on first use, after the
/// test has checked that PostgreSQL is there.
/// </summary>
public sealed class PooledTopologyFixture : IDisposable
{
    private readonly OwnTopologyFolders _folders = new();
    private readonly Lazy<TopologyDescriptor> _topology;

    public PooledTopologyFixture()
    {
        _topology = new Lazy<TopologyDescriptor>(() => TopologyLifecycle.UpAsync(
            new LocalTopologyProvider(TimeProvider.System, _folders.DataParent),
            new TopologyRequest(1, pooler: ReplicaBench.Topology.Poolers.PoolerKind.PgBouncer),
            _folders.State,
            CancellationToken.None).GetAwaiter().GetResult());
    }

    public TopologyDescriptor Topology => _topology.Value;

    public TopologyStateDirectory State => _folders.State;

    public void Dispose()
    {
        if (_topology.IsValueCreated)
        {
            TopologyLifecycle.DownAsync(_folders.State, CancellationToken.None).GetAwaiter().GetResult();
        }

        _folders.Dispose();
    }
}
