using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// A local topology of its own brought up with <c>--tls</c> (primary and one replica, every server
/// presenting a certificate from the topology's CA), shared by the TLS tests. Also a second,
/// unrelated CA, to show that verify-full refuses a server its bundle does not vouch for.
/// </summary>
public sealed class TlsTopologyFixture : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("rb-it-tls-").FullName;
    private string? _unavailable;
    private TopologyDescriptor? _topology;

    /// <summary>The running topology; skips (or, under CI, fails) when PostgreSQL is unavailable.</summary>
    public TopologyDescriptor Topology
    {
        get
        {
            PostgresRequirement.Ensure(_unavailable);
            return _topology ?? throw new InvalidOperationException("the TLS topology did not start");
        }
    }

    public TopologyStateDirectory State => new(Path.Combine(_work, "state"));

    /// <summary>The topology's CA (what topology.json records as tls.caFile).</summary>
    public string CaBundle => Topology.Tls!.CaFile;

    /// <summary>A CA that did not sign the servers' certificate.</summary>
    public string OtherCaBundle => Path.Combine(_work, "other-ca.pem");

    public async ValueTask InitializeAsync()
    {
        _unavailable = PostgresRequirement.MissingReason();
        if (_unavailable is not null)
        {
            return;
        }

        await File.WriteAllTextAsync(OtherCaBundle, TopologyCertificates.Create(TimeProvider.System.GetUtcNow(), "0therca0").CaCertificatePem);
        var dataParent = Path.Combine(_work, "data");
        Directory.CreateDirectory(dataParent);
        // The servers run as the postgres user when tests run as root: it must reach the data folder.
        File.SetUnixFileMode(_work, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(dataParent, (UnixFileMode)0b111_101_101);
        _topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, dataParent), new TopologyRequest(1) { Tls = true }, State, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await TopologyLifecycle.DownAsync(State, CancellationToken.None);
            LeftoverProcesses.Kill(LeftoverProcesses.Under(_work));
        }

        Directory.Delete(_work, recursive: true);
    }
}
