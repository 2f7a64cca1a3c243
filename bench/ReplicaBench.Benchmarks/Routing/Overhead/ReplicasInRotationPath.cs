using System.Runtime.CompilerServices;
using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Plain reads with the connection pattern of the policies that spread reads over the replicas
/// (round-robin, least-lag among equals, bounded-staleness, read-your-writes), without a router:
/// each reader keeps one plain connection (and prepared point read) per replica, and every read
/// takes the replica whose turn it is from one turn counter shared by all readers, as those
/// policies' shared rotation does. It is those policies' baseline, so their overhead is the
/// router's own cost; as a reference row beside the single-replica one it shows what spreading
/// reads costs by itself (a connection that idles while the others run, and wakes per read).
/// </summary>
public sealed class ReplicasInRotationPath(IReadOnlyList<TopologyNode> replicas, bool isReference = false) : IPointReadPath
{
    /// <summary>The row's name in the results.</summary>
    public const string RowName = "(no router) plain NpgsqlDataSource per replica, in rotation";

    private readonly NpgsqlDataSource[] _dataSources = [.. replicas.Select(r => NodeConnections.CreateDataSource(r))];
    private readonly StrongBox<long> _turns = new();

    public string Name => RowName;

    public bool IsReference => isReference;

    public async ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken)
    {
        var commands = new WorkloadCommands[_dataSources.Length];
        for (var i = 0; i < commands.Length; i++)
        {
            // The reader owns the commands and their connections from here on (the meter disposes it).
#pragma warning disable CA2000
            commands[i] = new WorkloadCommands(await _dataSources[i].OpenConnectionAsync(cancellationToken));
#pragma warning restore CA2000
        }

        return new Reader(commands, _turns);
    }

    public double? ReplicaReadShare() => null;

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    private sealed class Reader(WorkloadCommands[] commands, StrongBox<long> turns) : IPointReader
    {
        public async ValueTask ReadAsync(long key, CancellationToken cancellationToken)
        {
            var turn = (ulong)(Interlocked.Increment(ref turns.Value) - 1);
            await commands[(int)(turn % (ulong)commands.Length)].PointReadAsync(key, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in commands)
            {
                await command.DisposeAsync();
                await command.Connection.DisposeAsync();
            }
        }
    }
}
