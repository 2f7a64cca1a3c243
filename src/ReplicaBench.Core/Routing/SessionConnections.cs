using System.Data;
using Npgsql;
using ReplicaBench.Engine;

namespace ReplicaBench.Routing;

/// <summary>
/// One virtual user's connections: at most one open connection per node, kept across operations
/// so that commands prepared on it stay prepared (the load-driver design that keeps pace with
/// pgbench). Not thread-safe: one virtual user uses it, one operation at a time.
/// </summary>
/// <remarks>
/// <para>Per operation:</para>
/// <code>
/// RoutedLease lease;
/// try { lease = await connections.AcquireAsync(kind, ct); }
/// catch (OperationFailedException ex) { /* counted already; ex.Failure says what and where */ }
/// try { /* run the statement on lease.Connection */ connections.Complete(lease); }
/// catch (Exception ex) { var failure = connections.Fail(lease, ex); }
/// </code>
/// <para>
/// A connection failure on a replica marks it down on the board (the first failure is enough), the
/// broken connection is disposed, and the next decision avoids the replica. A connection opened
/// before its replica was last marked down is reopened rather than used: the server went away
/// in between, even if a recheck has since brought it back. Likewise a connection to the primary
/// opened before a failover (<see cref="Router.PromoteToPrimary"/>) is reopened on the new one.
/// </para>
/// </remarks>
public sealed class SessionConnections : IAsyncDisposable
{
    private readonly Router _router;
    private readonly RoutingCounters _counters;
    private readonly NpgsqlConnection?[] _connections;
    private readonly long[] _openedAtDownCount;
    private readonly OperationDeadline _deadline;
    private readonly DeadlineRaces _races;
    private long _primaryOpenedAtGeneration;

    internal SessionConnections(Router router, RoutingSession session, RoutingCounters counters)
    {
        _router = router;
        _counters = counters;
        Session = session;
        _connections = new NpgsqlConnection?[router.Nodes.Count];
        _openedAtDownCount = new long[router.Nodes.Count];
        _deadline = new OperationDeadline(router.Options.OperationTimeout);
        _races = new DeadlineRaces(router, _deadline);
    }

    /// <summary>The session this virtual user's operations belong to (read-your-writes follows its writes).</summary>
    public RoutingSession Session { get; }

    /// <summary>
    /// The token the operation in progress runs its statements with: the run's, which
    /// <see cref="AcquireAsync"/> was given, cancelled also when the operation outlives
    /// <see cref="RouterOptions.OperationTimeout"/>. A failure after that is counted as a timeout.
    /// </summary>
    public CancellationToken OperationToken { get; private set; }

    /// <summary>
    /// The decision of the latest <see cref="AcquireAsync"/>, also when opening its connection
    /// failed (the lease carries it otherwise); <see cref="RoutingDecision.DelegatedToNpgsql"/>
    /// under npgsql-prefer-standby, where only an opened connection says which node it reached.
    /// </summary>
    public RoutingDecision LastDecision { get; private set; }

    /// <summary>
    /// True when the operation last given back with <see cref="Fail"/> or <see cref="Abandon"/> was
    /// abandoned at its deadline (<see cref="RaceAsync"/>): its connection is no longer this user's,
    /// and neither are the commands prepared on it, which the caller must forget, not dispose.
    /// </summary>
    public bool LastConnectionAbandoned { get; private set; }

    /// <summary>This user's statements abandoned at their deadline that are still running.</summary>
    public int AbandonedInFlight => _races.AbandonedInFlight;

    /// <summary>
    /// Runs the operation's statement on <paramref name="lease"/> against the deadline: at the
    /// deadline the wait ends with a <see cref="TimeoutException"/>, and the statement is left to
    /// finish with its connection, which this user never gets again; <paramref name="commands"/>
    /// (prepared on that connection) are disposed with it then. Without a deadline, or once the
    /// statement has completed, it is <paramref name="statement"/> itself. Do not use the connection
    /// or the commands for anything else while the statement runs.
    /// </summary>
    public ValueTask<T> RaceAsync<T>(ValueTask<T> statement, in RoutedLease lease, IAsyncDisposable? commands) =>
        _races.Run(statement, lease, commands);

    /// <summary>
    /// Decides where the operation runs and returns the connection for that node, opening it if this
    /// user has none. Completes synchronously, without allocating, when the connection is already open.
    /// </summary>
    /// <exception cref="OperationFailedException">The connection could not be opened; counted and classified, a failed replica marked down.</exception>
    public ValueTask<RoutedLease> AcquireAsync(OperationKind kind, CancellationToken cancellationToken)
    {
        // The deadline runs from here: opening a connection to a node that does not answer counts too.
        cancellationToken = OperationToken = _deadline.Begin(cancellationToken);
        if (_router.RoutesThroughNpgsql)
        {
            LastDecision = RoutingDecision.DelegatedToNpgsql;
            return AcquireThroughNpgsqlAsync(kind, cancellationToken);
        }

        var decision = _router.Decide(kind, Session);
        LastDecision = decision;
        var node = decision.ChosenNode;
        var connection = _connections[node];
        if (connection is not null && IsStillUsable(node, connection))
        {
            return ValueTask.FromResult(new RoutedLease(connection, decision, kind, isPerOperation: false));
        }

        return OpenAsync(kind, decision, cancellationToken);
    }

    /// <summary>The operation succeeded: counts it against the node that served it.</summary>
    public void Complete(in RoutedLease lease)
    {
        _deadline.End();
        _counters.RecordServed(lease.Kind, lease.Decision);
        _router.NotifyServed(lease.Kind, lease.Decision);
        if (lease.IsPerOperation)
        {
            lease.Connection.Dispose();
        }
    }

    /// <summary>
    /// The operation failed: classifies and counts the failure, marks a replica down on a connection
    /// failure, and disposes a connection that is broken. Returns the classification.
    /// </summary>
    public OperationFailure Fail(in RoutedLease lease, Exception exception)
    {
        var node = lease.NodeIndex;
        var failure = _router.HandleFailure(_deadline.Explain(exception), node, whileOpening: false, _counters);
        _deadline.End();
        if (ForgetIfAbandoned(lease))
        {
            return failure;
        }

        if (lease.IsPerOperation)
        {
            lease.Connection.Dispose();
        }
        else if (failure.IsConnectionFailure || !IsOpen(lease.Connection))
        {
            Drop(node);
        }

        return failure;
    }

    /// <summary>
    /// The operation was cancelled by its caller (the run's stop): not a failure of the node, so
    /// nothing is counted and no replica is marked down. The connection is closed all the same: a
    /// cancelled command can leave it in the middle of the protocol.
    /// </summary>
    public void Abandon(in RoutedLease lease)
    {
        _deadline.End();
        if (ForgetIfAbandoned(lease))
        {
            return;
        }

        if (lease.IsPerOperation)
        {
            lease.Connection.Dispose();
        }
        else
        {
            Drop(lease.NodeIndex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _deadline.Dispose();
        for (var node = 0; node < _connections.Length; node++)
        {
            if (_connections[node] is { } connection)
            {
                _connections[node] = null;
                await connection.DisposeAsync();
            }
        }
    }

    private bool IsStillUsable(int node, NpgsqlConnection connection)
    {
        if (IsOpen(connection)
            && (node == RoutingDecision.PrimaryNode
                ? _router.PrimaryGeneration == _primaryOpenedAtGeneration
                : _router.Board.DownCount(node - 1) == _openedAtDownCount[node]))
        {
            return true;
        }

        Drop(node);
        return false;
    }

    // FullState, not State: Npgsql 10's State getter allocates on every call.
    private static bool IsOpen(NpgsqlConnection connection) => (connection.FullState & ConnectionState.Open) != 0;

    /// <summary>
    /// Opens the connection <paramref name="decision"/> needs. Under a policy whose decisions age
    /// (<see cref="RoutingPolicySpec.DecisionsAge"/>) it then decides again: opening took 100–200 ms
    /// on a loaded 2-core machine, longer than a staleness bound, and the replica judged fresh enough
    /// before may not be any more. The new decision is used if its node's connection is open, else
    /// that one is opened too, at most once per node (then the last decision stands, one open old).
    /// </summary>
    private async ValueTask<RoutedLease> OpenAsync(OperationKind kind, RoutingDecision decision, CancellationToken cancellationToken)
    {
        try
        {
            return await OpenDecidedAsync(kind, decision, cancellationToken);
        }
        catch
        {
            // No lease comes back to give the deadline back with.
            _deadline.End();
            throw;
        }
    }

    private async ValueTask<RoutedLease> OpenDecidedAsync(OperationKind kind, RoutingDecision decision, CancellationToken cancellationToken)
    {
        for (var opened = 1; ; opened++)
        {
            var connection = await OpenNodeAsync(decision.ChosenNode, cancellationToken);
            if (!_router.Policy.DecisionsAge || opened == _connections.Length)
            {
                return new RoutedLease(connection, decision, kind, isPerOperation: false);
            }

            decision = _router.Decide(kind, Session);
            var node = decision.ChosenNode;
            if (_connections[node] is { } open && IsStillUsable(node, open))
            {
                return new RoutedLease(open, decision, kind, isPerOperation: false);
            }
        }
    }

    private async ValueTask<NpgsqlConnection> OpenNodeAsync(int node, CancellationToken cancellationToken)
    {
        // Read before opening: a mark-down that races with the open makes this connection suspect.
        var downCount = node == RoutingDecision.PrimaryNode ? 0 : _router.Board.DownCount(node - 1);
        var generation = _router.PrimaryGeneration;
        var connection = await _router.OpenNodeAsync(node, _counters, cancellationToken, _deadline);
        _connections[node] = connection;
        _openedAtDownCount[node] = downCount;
        if (node == RoutingDecision.PrimaryNode)
        {
            _primaryOpenedAtGeneration = generation;
        }

        return connection;
    }

    private async ValueTask<RoutedLease> AcquireThroughNpgsqlAsync(OperationKind kind, CancellationToken cancellationToken)
    {
        try
        {
            var (connection, served) = await _router.OpenThroughNpgsqlAsync(kind, _counters, cancellationToken, _deadline);
            return new RoutedLease(connection, served, kind, isPerOperation: true);
        }
        catch
        {
            _deadline.End();
            throw;
        }
    }

    // An abandoned statement's connection is still in use: it is disposed when the statement ends (StatementRace).
    private bool ForgetIfAbandoned(in RoutedLease lease)
    {
        LastConnectionAbandoned = _races.TakeAbandoned();
        if (LastConnectionAbandoned && ReferenceEquals(_connections[lease.NodeIndex], lease.Connection))
        {
            _connections[lease.NodeIndex] = null;
        }

        return LastConnectionAbandoned;
    }

    private void Drop(int node)
    {
        var connection = _connections[node];
        _connections[node] = null;
        connection?.Dispose();
    }
}
