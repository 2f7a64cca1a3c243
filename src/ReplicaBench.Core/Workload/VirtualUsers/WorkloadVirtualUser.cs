using System.Runtime.CompilerServices;
using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Workload.VirtualUsers;

/// <summary>
/// The virtual user that joins the workload, the router and the load engine: per operation it asks
/// its <see cref="WorkloadSession"/> what to do, asks the router (through its own
/// <see cref="SessionConnections"/>) where, runs it with the prepared <see cref="WorkloadCommands"/>
/// of that node's connection, feeds the commit LSN of a write back into its
/// <see cref="RoutingSession"/> (read-your-writes routes by it) and reports the served node, the
/// intended node and fallback of the routing decision, the error kind and the staleness of what it read.
/// </summary>
/// <remarks>
/// Why one <see cref="WorkloadCommands"/> per node connection: preparing once and reusing the
/// command and its parameters is what keeps the engine level with pgbench (see PERFORMANCE.md); a
/// new set is built only when the router hands out a different connection (a reconnect, or the
/// per-operation connections of <c>npgsql-prefer-standby</c>). On the steady path an operation
/// allocates nothing of its own: ids and error kinds are resolved once, the async state machines
/// are pooled. It runs on the socket thread when inline completions are on, so it never blocks.
/// </remarks>
public sealed class WorkloadVirtualUser : IVirtualUser
{
    private readonly WorkloadSession _session;
    private readonly RoutingSession _routing;
    private readonly SessionConnections _connections;
    private readonly OperationId[] _operationIds;
    private readonly NodeId[] _nodeIds;
    private readonly WorkloadCommands?[] _commands;
    private readonly ServedStalenessRecorder? _servedStaleness;

    private WorkloadVirtualUser(
        WorkloadSession session, RoutingSession routing, SessionConnections connections, OperationId[] operationIds, NodeId[] nodeIds, ServedStalenessRecorder? servedStaleness)
    {
        _session = session;
        _routing = routing;
        _connections = connections;
        _operationIds = operationIds;
        _nodeIds = nodeIds;
        _commands = new WorkloadCommands?[nodeIds.Length];
        _servedStaleness = servedStaleness;
    }

    /// <summary>The workload session (reads, writes and stale reads it counted itself).</summary>
    public WorkloadSession Session => _session;

    /// <summary>
    /// Creates a user for <paramref name="context"/>: reserves its own insert key block on the
    /// primary (when the mix inserts) and resolves the scenario's operation and node ids. Use as the scenario's factory:
    /// <c>(c, t) =&gt; WorkloadVirtualUser.CreateAsync(setup, c, t)</c>.
    /// </summary>
    public static async ValueTask<IVirtualUser> CreateAsync(WorkloadUserSetup setup, VirtualUserContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(context);
        // Reserving a block is a write (nextval): a mix without inserts, such as a read-only run on
        // an external topology without --allow-writes, must not make it.
        InsertKeyRange? insertKeys = null;
        if (setup.Mix.InsertPercent > 0)
        {
            await using var primary = await setup.Router.DataSource(RoutingDecision.PrimaryNode).OpenConnectionAsync(cancellationToken);
            insertKeys = await InsertKeyRange.ReserveAsync(primary, cancellationToken);
        }

        var session = new WorkloadSession(
            context.Index, setup.Mix, setup.Keys, insertKeys, setup.Acknowledged, new Random(context.Seed));
        var routing = new RoutingSession(context.Index);
        var operationIds = Enum.GetValues<WorkloadOperation>().Select(o => context.Operation(o.Name())).ToArray();
        var nodeIds = setup.Router.Nodes.Select(n => context.Node(n.Name)).ToArray();
        return new WorkloadVirtualUser(session, routing, setup.Router.CreateSessionConnections(routing), operationIds, nodeIds, setup.ServedStaleness);
    }

    /// <inheritdoc />
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<LoadOutcome> ExecuteAsync(CancellationToken cancellationToken)
    {
        var planned = _session.Next();
        var operation = _operationIds[(int)planned.Operation];
        RoutedLease lease;
        try
        {
            lease = await _connections.AcquireAsync(planned.Kind, cancellationToken);
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
        var bound = _servedStaleness?.BoundFor(planned.Kind, lease.Decision) ?? ServedStalenessRecorder.NotRecorded;
        try
        {
            // Raced against the deadline: a node that does not answer costs the user the operation timeout, not Npgsql's cancel wait.
            var commands = CommandsFor(lease);
            var reply = await _connections.RaceAsync(_session.SendAsync(planned, commands, _connections.OperationToken), lease, commands);
            var outcome = _session.Check(planned, reply);
            if (lease.IsPerOperation)
            {
                await DropCommandsAsync(lease.NodeIndex);
            }

            _connections.Complete(lease);
            _servedStaleness?.RecordServed(lease.Decision, bound);
            if (outcome.CommitLsn != 0)
            {
                _routing.RecordWrite(outcome.CommitLsn);
            }

            return LoadOutcome.Success(operation, served, Staleness(planned, outcome)).WithRouting(intended, fallback);
        }
        catch (Exception ex) when (IsOperationFailure(ex) && cancellationToken.IsCancellationRequested)
        {
            // The run's stop cancelled it (Npgsql reports that as a cancellation, or as the broken
            // connection a cancel leaves): not the node's failure, so the engine must not count it as one.
            _connections.Abandon(lease);
            await ReleaseCommandsAsync(lease.NodeIndex);
            throw new OperationCanceledException("the run's stop cancelled the operation", ex, cancellationToken);
        }
        catch (Exception ex) when (IsOperationFailure(ex))
        {
            var failure = _connections.Fail(lease, ex);
            await ReleaseCommandsAsync(lease.NodeIndex);
            return LoadOutcome.Failure(operation, served, RoutedOutcomes.ErrorKind(failure.Kind)).WithRouting(intended, fallback);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        for (var node = 0; node < _commands.Length; node++)
        {
            await DropCommandsAsync(node);
        }

        await _connections.DisposeAsync();
    }

    /// <summary>The error-kind name a failure is counted under in results, e.g. <c>connection-lost</c>.</summary>
    public static string ErrorKindName(OperationFailureKind kind) => kind switch
    {
        OperationFailureKind.ConnectionRefused => "connection-refused",
        OperationFailureKind.ConnectionLost => "connection-lost",
        OperationFailureKind.ReadOnlyViolation => "read-only-violation",
        OperationFailureKind.Timeout => "timeout",
        OperationFailureKind.RecoveryConflict => "recovery-conflict",
        OperationFailureKind.Canceled => "canceled",
        _ => "other",
    };

    /// <summary>What the engine counts of a workload outcome: the staleness check of every read, and read-your-writes where the read had something of its own session's to check.</summary>
    internal static StalenessObservation Staleness(PlannedOperation planned, in OperationOutcome outcome)
    {
        if (planned.Kind != OperationKind.Read)
        {
            return StalenessObservation.NotChecked;
        }

        // A read that missed its own session's acknowledged write is stale whatever the shared
        // record of versions could still tell (it keeps two versions per key).
        var staleness = outcome.IsStale || outcome.ReadYourWritesViolation
            ? StalenessObservation.Stale(outcome.MaxStaleAgeMicroseconds)
            : StalenessObservation.Fresh;
        return outcome.ReadYourWritesChecked ? staleness.WithReadYourWrites(outcome.ReadYourWritesViolation) : staleness;
    }

    // The router's operation failures (Npgsql's own, a broken socket, a cancelled wait) plus a write
    // whose batch lost its commit LSN; anything else is a bug and escapes to the engine, which counts it as unattributed.
    private static bool IsOperationFailure(Exception exception) =>
        Router.IsOperationFailure(exception) || exception is InvalidOperationException { Message: "the write's batch returned no commit LSN" };

    private WorkloadCommands CommandsFor(in RoutedLease lease)
    {
        var node = lease.NodeIndex;
        var commands = _commands[node];
        if (commands is not null && ReferenceEquals(commands.Connection, lease.Connection))
        {
            return commands;
        }

        // The old connection was dropped by SessionConnections (and disposed with its commands).
        commands = new WorkloadCommands(lease.Connection);
        _commands[node] = commands;
        return commands;
    }

    // After a failure: the commands of a connection abandoned at its deadline are only forgotten, since
    // its statement still runs on them (and disposes them when it ends); the user makes new ones.
    private ValueTask ReleaseCommandsAsync(int node)
    {
        if (!_connections.LastConnectionAbandoned)
        {
            return DropCommandsAsync(node);
        }

        _commands[node] = null;
        return ValueTask.CompletedTask;
    }

    private async ValueTask DropCommandsAsync(int node)
    {
        if (_commands[node] is { } commands)
        {
            _commands[node] = null;
            await commands.DisposeAsync();
        }
    }
}
