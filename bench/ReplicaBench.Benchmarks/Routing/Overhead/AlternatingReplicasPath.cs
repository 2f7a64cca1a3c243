using Npgsql;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// A reference row with no router: each reader keeps one plain connection (and prepared point
/// read) per replica and alternates between them, read by read — the connection pattern of a
/// policy that spreads reads over the replicas (round-robin), without any routing decision. Its
/// difference to the single-replica reference is what spreading costs by itself.
/// </summary>
public sealed class AlternatingReplicasPath(IReadOnlyList<string> replicaConnectionStrings) : IPointReadPath
{
    private readonly NpgsqlDataSource[] _dataSources = [.. replicaConnectionStrings.Select(NpgsqlDataSource.Create)];

    public string Name => "(no router) plain NpgsqlDataSource per replica, alternating";

    public bool IsReference => true;

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

        return new Reader(commands);
    }

    public double? ReplicaReadShare() => null;

    public async ValueTask DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    private sealed class Reader(WorkloadCommands[] commands) : IPointReader
    {
        private int _next;

        public async ValueTask ReadAsync(long key, CancellationToken cancellationToken)
        {
            var current = commands[_next];
            _next = (_next + 1) % commands.Length;
            await current.PointReadAsync(key, cancellationToken);
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
