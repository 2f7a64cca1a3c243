using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// The folders of a test that brings up (and ends) a local topology of its own: a data parent the
/// servers can reach, and a state directory. Disposing kills any server left under the data parent
/// (belt and braces: a failed test must not leak servers into the next one) and deletes both.
/// </summary>
internal sealed class OwnTopologyFolders : IDisposable
{
    public OwnTopologyFolders()
    {
        // Servers run as the postgres user when tests run as root: it must reach the data folder.
        File.SetUnixFileMode(DataParent, (UnixFileMode)0b111_101_101);
    }

    /// <summary>Where the local provider puts the servers' data (its data root).</summary>
    public string DataParent { get; } = Directory.CreateTempSubdirectory("rb-it-data-").FullName;

    public TopologyStateDirectory State { get; } = new(Directory.CreateTempSubdirectory("rb-it-state-").FullName);

    public void Dispose()
    {
        LeftoverProcesses.Kill(LeftoverProcesses.Under(DataParent));
        Directory.Delete(DataParent, recursive: true);
        Directory.Delete(State.Path, recursive: true);
    }
}
