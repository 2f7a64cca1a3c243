using System.Net.Sockets;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>
/// Sends each operation to the node a routing policy chooses, over one topology, and records where
/// it went. Owns one pooled <see cref="NpgsqlDataSource"/> per node, the <see cref="NodeStateBoard"/>
/// the policy decides from, the routing counters, and a background loop that rechecks replicas taken
/// out of rotation.
/// </summary>
/// <remarks>
/// <para>
/// Load runs create one <see cref="SessionConnections"/> per virtual user, which keeps one connection
/// per node open across operations; tools call <see cref="OpenAsync"/>. A replica whose connection
/// fails is marked down on the board at the first failure (its pool cleared); the next decision
/// avoids it, and a recheck every <see cref="RouterOptions.RecheckInterval"/> returns it to rotation.
/// Failed operations are never retried elsewhere: a benchmark must show the errors a fault causes,
/// not hide them behind retries, so each is counted and classified instead.
/// </para>
/// <para>
/// After a failover, <see cref="PromoteToPrimary"/> re-points the primary role (node 0, still named
/// as in the topology: the writer endpoint an application follows) at the promoted server, and that
/// replica leaves the rotation for good; node indices, counters and the board keep their shape.
/// </para>
/// <para>
/// Lag-aware policies and read-your-writes need replica samples on <see cref="Board"/> (a replica
/// monitor calls <see cref="NodeStateBoard.SetReplicaSample(int, ulong, long)"/>); without them their
/// reads go to the primary, and <see cref="Warning"/> says so.
/// </para>
/// </remarks>
public sealed class Router : IAsyncDisposable
{
    private readonly NodeDataSources _dataSources;
    private readonly IRoutingObserver? _observer;
    private readonly TimeProvider _timeProvider;
    private TopologyNode _primaryServer;
    private long _primaryGeneration;
    private readonly NpgsqlMultiHostRoute? _multiHost;
    private readonly IRoutingPolicy _policy;
    private readonly RoutingCounterSet _counters;
    private readonly ReplicaRotation _rotation;
    private int _disposed;

    /// <param name="topology">The nodes, primary first, then replica1..N (as in topology.json).</param>
    /// <param name="policy">The routing policy.</param>
    /// <param name="options">Pooling and recheck settings; defaults documented on <see cref="RouterOptions"/>.</param>
    /// <param name="board">A board shared with a replica monitor, or null for a new one (see <see cref="Board"/>).</param>
    /// <exception cref="BadInputException">The topology does not list exactly one primary, first.</exception>
    public Router(TopologyDescriptor topology, RoutingPolicySpec policy, RouterOptions? options = null, NodeStateBoard? board = null)
    {
        Options = options ?? new RouterOptions();
        Options.Validate();
        Nodes = ValidatedNodes(topology);
        Topology = topology;
        var replicaCount = Nodes.Count - 1;
        if (board is not null && board.ReplicaCount != replicaCount)
        {
            throw new ArgumentException($"the board tracks {board.ReplicaCount} replicas but the topology has {replicaCount}", nameof(board));
        }

        Board = board ?? new NodeStateBoard(replicaCount);
        _observer = Options.Observer;
        _timeProvider = Options.TimeProvider;
        _primaryServer = Nodes[0];
        Policy = policy;
        _policy = policy.CreatePolicy(Options.TimeProvider);
        _counters = new RoutingCounterSet(Nodes.Count);
        _dataSources = new NodeDataSources(Nodes, Options.MaximumPoolSize, Options.OperationTimeout, Options.IncludeErrorDetail);
        if (policy.Kind == RoutingPolicyKind.NpgsqlPreferStandby)
        {
            try
            {
                _multiHost = new NpgsqlMultiHostRoute(Nodes, Options.MaximumPoolSize, Options.IncludeErrorDetail);
            }
            catch
            {
                _dataSources.DisposeNow();
                throw;
            }
        }

        _rotation = new ReplicaRotation(Board, _dataSources, _counters.Own, Options);
    }

    public TopologyDescriptor Topology { get; }

    /// <summary>The nodes in decision-index order: 0 is the primary, 1..N the replicas.</summary>
    public IReadOnlyList<TopologyNode> Nodes { get; }

    public RoutingPolicySpec Policy { get; }

    /// <summary>The server behind the primary role: <c>Nodes[0]</c> until <see cref="PromoteToPrimary"/>, then the promoted replica.</summary>
    public TopologyNode PrimaryServer => Volatile.Read(ref _primaryServer);

    /// <summary>How many times the primary role was re-pointed; a connection opened under an older value goes to a fenced server.</summary>
    internal long PrimaryGeneration => Volatile.Read(ref _primaryGeneration);

    public RouterOptions Options { get; }

    /// <summary>
    /// Replica health, replay LSNs and lag, read on every decision. The router marks replicas down
    /// and up; a replica monitor writes the samples (pass the monitor's board in, or give it this one).
    /// </summary>
    public NodeStateBoard Board { get; }

    /// <summary>True under npgsql-prefer-standby: Npgsql opens every connection and picks its host.</summary>
    public bool RoutesThroughNpgsql => _multiHost is not null;

    /// <summary>
    /// One line when reads cannot go to replicas as the policy intends (no replicas, every replica
    /// down, no samples for a policy that needs them), saying what happens instead; null otherwise.
    /// Front ends print it; routing carries on (reads fall back to the primary, counted).
    /// </summary>
    public string? Warning => RouterWarning.For(Policy, Nodes, Board);

    /// <summary>The policy's decision for one operation: no I/O, no allocation, no lock.</summary>
    public RoutingDecision Decide(OperationKind kind, RoutingSession session) => _policy.Decide(kind, session, Board);

    /// <summary>The pooled data source of a node (0 primary, 1..N replicas), e.g. for samplers that query each node.</summary>
    public NpgsqlDataSource DataSource(int node) => _dataSources[node];

    /// <summary>Connections for one virtual user, reused across its operations. Dispose it when the user stops.</summary>
    public SessionConnections CreateSessionConnections(RoutingSession session) => new(this, session, _counters.ForNewSession());

    /// <summary>Statements abandoned at their operation deadline (<see cref="StatementRace{T}"/>): still running, and in all.</summary>
    internal AbandonedStatements Abandoned { get; } = new();

    /// <summary>Opens a pooled connection to the node the policy chooses (for tools); the routing is counted when it is handed out.</summary>
    /// <exception cref="OperationFailedException">The connection could not be opened; counted, and a failed replica is marked down.</exception>
    public async ValueTask<RoutedConnection> OpenAsync(OperationKind kind, RoutingSession session, CancellationToken cancellationToken)
    {
        var decision = Decide(kind, session);
        var (connection, served) = RoutesThroughNpgsql
            ? await OpenThroughNpgsqlAsync(kind, _counters.Own, cancellationToken)
            : (await OpenNodeAsync(decision.ChosenNode, _counters.Own, cancellationToken), decision);
        _counters.Own.RecordServed(kind, served);
        NotifyServed(kind, served);
        return new RoutedConnection(connection, served, Nodes[served.ChosenNode]);
    }

    /// <summary>Classifies and counts a failure on a connection from <see cref="OpenAsync"/>; a connection failure takes a replica out of rotation.</summary>
    public OperationFailure ReportFailure(in RoutedConnection connection, Exception exception) =>
        HandleFailure(exception, connection.NodeIndex, whileOpening: false, _counters.Own);

    /// <summary>Where operations went so far, summed over every session.</summary>
    public RoutingCounts Counts() => _counters.Totals(Nodes);

    /// <summary>
    /// Re-points the primary role at <paramref name="replicaName"/>, which a failover has just
    /// promoted: from now on writes, and reads the policy sends to the primary, go to that server
    /// (still counted under the primary's name, the writer endpoint an application follows), and the
    /// replica leaves the rotation for good (<see cref="RetireReplica"/>). Sessions drop their
    /// connection to the old primary and reopen on their next primary operation. Under
    /// npgsql-prefer-standby Npgsql finds the new primary itself; the per-node pools move all the same.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="replicaName"/> is not a replica of this router.</exception>
    public void PromoteToPrimary(string replicaName)
    {
        var node = ReplicaNode(replicaName);
        var promoted = Nodes[node];
        RetireReplica(replicaName);
        _dataSources.Repoint(RoutingDecision.PrimaryNode, promoted);
        Volatile.Write(ref _primaryServer, promoted);
        Interlocked.Increment(ref _primaryGeneration);
    }

    /// <summary>
    /// Takes a replica out of rotation for good: promoted, or left behind by a failover because it
    /// could not follow the new primary. Marked down (counted once), never rechecked again.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="replicaName"/> is not a replica of this router.</exception>
    public void RetireReplica(string replicaName) => _rotation.Retire(ReplicaNode(replicaName));

    /// <summary>Probes every replica marked down now, without waiting for the next scheduled recheck.</summary>
    public Task RecheckNowAsync(CancellationToken cancellationToken) => _rotation.RecheckNowAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _rotation.DisposeAsync();
        // Abandoned statements give their connections back (broken) before the pools go; each ends by itself, soon.
        await Abandoned.WaitUntilNoneAsync(Options.OperationTimeout);

        await _dataSources.DisposeAsync();
        if (_multiHost is not null)
        {
            await _multiHost.DisposeAsync();
        }
    }

    /// <summary>Opens a pooled connection to one node; on failure classifies, counts, marks a replica down and throws.</summary>
    /// <remarks>An open that <paramref name="deadline"/> ended is a timeout (and takes a replica out of rotation), not a cancellation.</remarks>
    internal async ValueTask<NpgsqlConnection> OpenNodeAsync(int node, RoutingCounters counters, CancellationToken cancellationToken, OperationDeadline? deadline = null)
    {
        try
        {
            return await _dataSources[node].OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (IsOperationFailure(ex))
        {
            var seen = deadline?.Explain(ex) ?? ex;
            var failure = HandleFailure(seen, node, whileOpening: true, counters);
            if (seen is OperationCanceledException)
            {
                throw;
            }

            throw new OperationFailedException(failure, seen);
        }
    }

    /// <summary>Opens through Npgsql's multi-host data source and finds which node it picked.</summary>
    internal async ValueTask<(NpgsqlConnection Connection, RoutingDecision Served)> OpenThroughNpgsqlAsync(
        OperationKind kind, RoutingCounters counters, CancellationToken cancellationToken, OperationDeadline? deadline = null)
    {
        try
        {
            return await _multiHost!.OpenAsync(kind, cancellationToken);
        }
        catch (Exception ex) when (IsOperationFailure(ex))
        {
            var seen = deadline?.Explain(ex) ?? ex;
            var failure = OperationFailureClassifier.ClassifyUnknownNode(seen, NpgsqlMultiHostRoute.DisplayName);
            counters.RecordFailure(failure);
            _observer?.Failed(failure, _timeProvider.GetTimestamp());
            if (seen is OperationCanceledException)
            {
                throw;
            }

            throw new OperationFailedException(failure, seen);
        }
    }

    /// <summary>
    /// Classifies and counts a failed operation on <paramref name="node"/>. A refused or lost
    /// connection (or a connect timeout) takes a replica out of rotation. Under
    /// npgsql-prefer-standby the board is left alone: Npgsql tracks host health itself.
    /// </summary>
    internal OperationFailure HandleFailure(Exception exception, int node, bool whileOpening, RoutingCounters counters)
    {
        var failure = OperationFailureClassifier.Classify(exception, node, Nodes[node]);
        counters.RecordFailure(failure);
        _observer?.Failed(failure, _timeProvider.GetTimestamp());
        var unreachable = failure.IsConnectionFailure || (whileOpening && failure.Kind == OperationFailureKind.Timeout);
        if (node > RoutingDecision.PrimaryNode && unreachable && !RoutesThroughNpgsql)
        {
            _rotation.MarkDown(node);
        }

        return failure;
    }

    /// <summary>Tells the observer, if any, that an operation succeeded (no timestamp is taken without one).</summary>
    internal void NotifyServed(OperationKind kind, in RoutingDecision decision)
    {
        if (_observer is { } observer)
        {
            observer.Served(kind, decision, _timeProvider.GetTimestamp());
        }
    }

    internal static bool IsOperationFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException or IOException or SocketException or OperationCanceledException;

    private static IReadOnlyList<TopologyNode> ValidatedNodes(TopologyDescriptor topology)
    {
        var nodes = topology.Nodes;
        if (nodes.Count == 0 || nodes[0].Role != NodeRole.Primary || nodes.Skip(1).Any(n => n.Role != NodeRole.Replica))
        {
            var roles = string.Join(", ", nodes.Select(n => $"{n.Name}={n.Role.ToString().ToLowerInvariant()}"));
            throw new BadInputException(
                $"the topology must list one primary first and then only replicas, but lists [{roles}]; recreate it with 'replicabench topology up' or fix topology.json.");
        }

        return nodes;
    }

    private int ReplicaNode(string replicaName)
    {
        for (var node = 1; node < Nodes.Count; node++)
        {
            if (string.Equals(Nodes[node].Name, replicaName, StringComparison.Ordinal))
            {
                return node;
            }
        }

        throw new ArgumentException($"'{replicaName}' is not a replica of this router's topology", nameof(replicaName));
    }
}
