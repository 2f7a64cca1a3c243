using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// One reader through the router: its <see cref="SessionConnections"/> and one set of prepared
/// commands per node connection, kept as long as the router hands out the same connection — the
/// same reuse as the load engine's <c>WorkloadVirtualUser</c>. Under npgsql-prefer-standby every
/// lease is a pooled connection for one operation, so its commands are made and dropped per read.
/// </summary>
internal sealed class RouterPointReader(SessionConnections connections, int nodes) : IPointReader
{
    private readonly WorkloadCommands?[] _commands = new WorkloadCommands?[nodes];

    public async ValueTask ReadAsync(long key, CancellationToken cancellationToken)
    {
        var lease = await connections.AcquireAsync(OperationKind.Read, cancellationToken);
        if (lease.IsPerOperation)
        {
            await using var once = new WorkloadCommands(lease.Connection);
            await once.PointReadAsync(key, cancellationToken);
        }
        else
        {
            await CommandsFor(lease).PointReadAsync(key, cancellationToken);
        }

        connections.Complete(lease);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var commands in _commands)
        {
            if (commands is not null)
            {
                await commands.DisposeAsync();
            }
        }

        await connections.DisposeAsync();
    }

    private WorkloadCommands CommandsFor(in RoutedLease lease)
    {
        var node = lease.NodeIndex;
        if (_commands[node] is { } commands && ReferenceEquals(commands.Connection, lease.Connection))
        {
            return commands;
        }

        _commands[node] = new WorkloadCommands(lease.Connection);
        return _commands[node]!;
    }
}
