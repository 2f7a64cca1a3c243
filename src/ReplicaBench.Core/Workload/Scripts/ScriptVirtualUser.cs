using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// The virtual user of a script run, one pgbench client: per operation it draws a script by weight,
/// asks the router where a script of that access (read or write) goes, runs it there with its own
/// variables, and reports it under the script's operation type with the served and intended node
/// and the fallback, exactly as the built-in operations are reported. A write's WAL position feeds
/// its routing session, so read-your-writes routes scripts by their own writes.
/// </summary>
/// <remarks>
/// Staleness is not checked per read: a script's rows are the user's, with no versions the suite
/// wrote. The visibility probe and the servers' replay lag measure staleness in such runs.
/// </remarks>
public sealed class ScriptVirtualUser : IVirtualUser
{
    /// <summary>The error kind a script's client-side failure is counted under.</summary>
    public const string ScriptErrorKind = "script-error";

    private readonly ScriptWorkload _workload;
    private readonly ScriptWarnings _warnings;
    private readonly ScriptVariables _variables;
    private readonly Random _random;
    private readonly RoutingSession _routing;
    private readonly SessionConnections _connections;
    private readonly OperationId[] _operationIds;
    private readonly NodeId[] _nodeIds;
    private readonly ScriptConnection?[] _perNode;
    private readonly bool _needsCommitLsn;

    private ScriptVirtualUser(ScriptWorkload workload, IReadOnlyDictionary<string, ScriptValue> variables, ScriptWarnings warnings, Router router, VirtualUserContext context)
    {
        _workload = workload;
        _warnings = warnings;
        _variables = ScriptWorkload.ClientVariables(variables, context.Index);
        _random = new Random(context.Seed);
        _routing = new RoutingSession(context.Index);
        _connections = router.CreateSessionConnections(_routing);
        _operationIds = [.. workload.Scripts.Select(s => context.Operation(s.Name))];
        _nodeIds = [.. router.Nodes.Select(n => context.Node(n.Name))];
        _perNode = new ScriptConnection?[_nodeIds.Length];
        _needsCommitLsn = router.Policy.Kind == RoutingPolicyKind.ReadYourWrites;
    }

    /// <summary>A user for <paramref name="context"/> starting from <paramref name="variables"/> (<see cref="ScriptWorkload.VariablesFor"/>); use as the scenario's factory.</summary>
    public static ValueTask<IVirtualUser> CreateAsync(
        ScriptWorkload workload, IReadOnlyDictionary<string, ScriptValue> variables, ScriptWarnings warnings, Router router, VirtualUserContext context)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(warnings);
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(context);
        // The engine owns the user from here on, and disposes it at the end of the run.
#pragma warning disable CA2000
        return ValueTask.FromResult<IVirtualUser>(new ScriptVirtualUser(workload, variables, warnings, router, context));
#pragma warning restore CA2000
    }

    /// <inheritdoc />
    public async ValueTask<LoadOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        var index = _workload.Draw(_random);
        var script = _workload.Scripts[index];
        var operation = _operationIds[index];
        var kind = script.Access == ScriptAccess.Read ? OperationKind.Read : OperationKind.Write;
        RoutedLease lease;
        try
        {
            lease = await _connections.AcquireAsync(kind, cancellationToken);
        }
        catch (OperationFailedException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run's stop cancelled the operation while its connection opened", ex, cancellationToken);
        }
        catch (OperationFailedException ex)
        {
            return RoutedOutcomes.ConnectionFailed(operation, _nodeIds, ex, _connections.LastDecision);
        }

        var served = _nodeIds[lease.NodeIndex];
        var intended = RoutedOutcomes.NodeAt(_nodeIds, lease.Decision.IntendedNode);
        var fallback = lease.Decision.IsFallback;
        try
        {
            var lsn = await ConnectionFor(lease).RunAsync(index, _variables, _random, _needsCommitLsn && kind == OperationKind.Write, _connections.OperationToken);
            if (lease.IsPerOperation)
            {
                await DropAsync(lease.NodeIndex);
            }

            _connections.Complete(lease);
            if (lsn != 0)
            {
                _routing.RecordWrite(lsn);
            }

            return LoadOutcome.Success(operation, served).WithRouting(intended, fallback);
        }
        catch (ScriptRuntimeException ex)
        {
            // The script's own mistake, not the node's: the connection is fine and stays in use.
            _connections.Complete(lease);
            _warnings.ReportFailure(script, ex);
            return LoadOutcome.Failure(operation, served, ScriptErrorKind).WithRouting(intended, fallback);
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex) && cancellationToken.IsCancellationRequested)
        {
            _connections.Abandon(lease);
            await DropAsync(lease.NodeIndex);
            throw new OperationCanceledException("the run's stop cancelled the operation", ex, cancellationToken);
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex))
        {
            if (ex is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } && kind == OperationKind.Read)
            {
                _warnings.ReportMisclassified(script);
            }

            var failure = _connections.Fail(lease, ex);
            await DropAsync(lease.NodeIndex);
            return LoadOutcome.Failure(operation, served, RoutedOutcomes.ErrorKind(failure.Kind)).WithRouting(intended, fallback);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var node = 0; node < _perNode.Length; node++)
        {
            await DropAsync(node);
        }

        await _connections.DisposeAsync();
    }

    private ScriptConnection ConnectionFor(in RoutedLease lease)
    {
        var node = lease.NodeIndex;
        if (_perNode[node] is { } current && ReferenceEquals(current.Connection, lease.Connection))
        {
            return current;
        }

        // The old connection was dropped by SessionConnections (and its prepared statements with it).
        var fresh = new ScriptConnection(lease.Connection, _workload.Scripts);
        _perNode[node] = fresh;
        return fresh;
    }

    private async ValueTask DropAsync(int node)
    {
        if (_perNode[node] is { } connection)
        {
            _perNode[node] = null;
            await connection.DisposeAsync();
        }
    }
}
