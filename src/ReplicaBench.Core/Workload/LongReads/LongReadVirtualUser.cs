using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Routing;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Workload.LongReads;

/// <summary>
/// A virtual user of the <c>long-reads</c> scenario: one long read after another
/// (<see cref="LongReadTable.ReadSql"/>), each routed as a read by the cell's policy. A read that
/// recovery cancels is counted as an error of kind <c>recovery-conflict-&lt;kind&gt;</c>, the kind
/// from the error's detail (<see cref="RecoveryConflicts"/>), so the cell's errors by kind and its
/// client conflict counts are the same record of the same window.
/// </summary>
/// <remarks>
/// The router's connections must include the error detail (<see cref="RouterOptions.IncludeErrorDetail"/>):
/// Npgsql redacts it otherwise, and every cancellation would be <c>other</c>. The detail is only
/// compared with PostgreSQL's fixed reasons; no error text reaches the results, only these kinds.
/// A cancelled statement and a session recovery terminated right after its statement (see
/// <see cref="RecoveryConflicts.ClassifyLostRead"/>) both count, as the replica counts both. Either
/// is counted even when it arrives during the run's stop: the replica ended the read for recovery,
/// not the run, and counts it so.
/// </remarks>
public sealed class LongReadVirtualUser : IVirtualUser
{
    /// <summary>The scenario's one operation.</summary>
    public const string OperationName = "long-read";

    /// <summary>The operations this user reports.</summary>
    public static OperationDefinition[] Operations { get; } = [new(OperationName, OperationKind.Read)];

    private readonly SessionConnections _connections;
    private readonly OperationId _operation;
    private readonly NodeId[] _nodeIds;
    private readonly double _seconds;
    private NpgsqlCommand? _command;

    private LongReadVirtualUser(SessionConnections connections, OperationId operation, NodeId[] nodeIds, TimeSpan length)
    {
        _connections = connections;
        _operation = operation;
        _nodeIds = nodeIds;
        _seconds = length.TotalSeconds;
    }

    /// <summary>A user for <paramref name="context"/> whose reads each last <paramref name="length"/>.</summary>
    public static IVirtualUser Create(Router router, TimeSpan length, VirtualUserContext context)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(context);
        var session = new RoutingSession(context.Index);
        var nodeIds = router.Nodes.Select(n => context.Node(n.Name)).ToArray();
        return new LongReadVirtualUser(router.CreateSessionConnections(session), context.Operation(OperationName), nodeIds, length);
    }

    /// <inheritdoc />
    public async ValueTask<LoadOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        RoutedLease lease;
        try
        {
            lease = await _connections.AcquireAsync(OperationKind.Read, cancellationToken);
        }
        catch (OperationFailedException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run's stop cancelled the long read while its connection opened", ex, cancellationToken);
        }
        catch (OperationFailedException ex)
        {
            return RoutedOutcomes.ConnectionFailed(_operation, _nodeIds, ex, _connections.LastDecision);
        }

        var served = _nodeIds[lease.NodeIndex];
        var intended = RoutedOutcomes.NodeAt(_nodeIds, lease.Decision.IntendedNode);
        try
        {
            var command = CommandFor(lease.Connection);
            await command.ExecuteNonQueryAsync(_connections.OperationToken);
            _connections.Complete(lease);
            return LoadOutcome.Success(_operation, served).WithRouting(intended, lease.Decision.IsFallback);
        }
        catch (PostgresException ex) when (RecoveryConflicts.ClassifyLostRead(ex) is { } kind)
        {
            _connections.Fail(lease, ex);
            return LoadOutcome.Failure(_operation, served, ConflictErrorKinds.Of(kind)).WithRouting(intended, lease.Decision.IsFallback);
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex) && cancellationToken.IsCancellationRequested)
        {
            _connections.Abandon(lease);
            DropCommand();
            throw new OperationCanceledException("the run's stop cancelled the long read", ex, cancellationToken);
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex))
        {
            var failure = _connections.Fail(lease, ex);
            DropCommand();
            return LoadOutcome.Failure(_operation, served, RoutedOutcomes.ErrorKind(failure.Kind)).WithRouting(intended, lease.Decision.IsFallback);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        DropCommand();
        await _connections.DisposeAsync();
    }

    private NpgsqlCommand CommandFor(NpgsqlConnection connection)
    {
        if (_command is not null && ReferenceEquals(_command.Connection, connection))
        {
            return _command;
        }

        DropCommand();
        _command = new NpgsqlCommand(LongReadTable.ReadSql, connection);
        _command.Parameters.Add(new NpgsqlParameter<double> { TypedValue = _seconds });
        return _command;
    }

    private void DropCommand()
    {
        _command?.Dispose();
        _command = null;
    }
}
