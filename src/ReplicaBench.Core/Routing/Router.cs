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
    private const string NpgsqlMultiHostName = "npgsql multi-host data source";

    private readonly NpgsqlDataSource[] _dataSources;
    private readonly List<NpgsqlDataSource> _replacedDataSources = [];
    private readonly int[] _retired;
    private readonly IRoutingObserver? _observer;
    private readonly TimeProvider _timeProvider;
    private TopologyNode _primaryServer;
    private long _primaryGeneration;
    private readonly NpgsqlMultiHostDataSource? _multiHost;
    private readonly NpgsqlDataSource? _npgsqlReads;
    private readonly NpgsqlDataSource? _npgsqlWrites;
    private readonly IRoutingPolicy _policy;
    private readonly RoutingCounters _ownCounters;
    private readonly List<RoutingCounters> _sessionCounters = [];
    private readonly Lock _sessionCountersLock = new();
    private readonly ReplicaRechecker _rechecker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _recheckLoop;
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
        _retired = new int[replicaCount];
        _observer = Options.Observer;
        _timeProvider = Options.TimeProvider;
        _primaryServer = Nodes[0];
        Policy = policy;
        _policy = policy.CreatePolicy(Options.TimeProvider);
        _ownCounters = new RoutingCounters(Nodes.Count);
        _dataSources = [.. Nodes.Select(n => NpgsqlDataSource.Create(WithPoolSize(n.ConnectionString)))];
        if (policy.Kind == RoutingPolicyKind.NpgsqlPreferStandby)
        {
            try
            {
                _multiHost = BuildMultiHost(Nodes, Options.MaximumPoolSize);
            }
            catch
            {
                Array.ForEach(_dataSources, d => d.Dispose());
                throw;
            }

            _npgsqlReads = _multiHost.WithTargetSession(TargetSessionAttributes.PreferStandby);
            _npgsqlWrites = _multiHost.WithTargetSession(TargetSessionAttributes.Primary);
        }

        _rechecker = new ReplicaRechecker(Board, ProbeReplicaAsync, replica => _ownCounters.RecordMarkedUp(replica + 1));
        _recheckLoop = _rechecker.RunAsync(Options.RecheckInterval, Options.TimeProvider, _stop.Token);
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
    public NpgsqlDataSource DataSource(int node) => Volatile.Read(ref _dataSources[node]);

    /// <summary>Connections for one virtual user, reused across its operations. Dispose it when the user stops.</summary>
    public SessionConnections CreateSessionConnections(RoutingSession session)
    {
        var counters = new RoutingCounters(Nodes.Count);
        lock (_sessionCountersLock)
        {
            _sessionCounters.Add(counters);
        }

        return new SessionConnections(this, session, counters);
    }

    /// <summary>
    /// Opens a pooled connection to the node the policy chooses (for tools). The routing is counted
    /// when the connection is handed out.
    /// </summary>
    /// <exception cref="OperationFailedException">The connection could not be opened; counted, and a failed replica is marked down.</exception>
    public async ValueTask<RoutedConnection> OpenAsync(OperationKind kind, RoutingSession session, CancellationToken cancellationToken)
    {
        var decision = Decide(kind, session);
        var (connection, served) = RoutesThroughNpgsql
            ? await OpenThroughNpgsqlAsync(kind, _ownCounters, cancellationToken)
            : (await OpenNodeAsync(decision.ChosenNode, _ownCounters, cancellationToken), decision);
        _ownCounters.RecordServed(kind, served);
        NotifyServed(kind, served);
        return new RoutedConnection(connection, served, Nodes[served.ChosenNode]);
    }

    /// <summary>Classifies and counts a failure on a connection from <see cref="OpenAsync"/>; a connection failure takes a replica out of rotation.</summary>
    public OperationFailure ReportFailure(in RoutedConnection connection, Exception exception) =>
        HandleFailure(exception, connection.NodeIndex, whileOpening: false, _ownCounters);

    /// <summary>Where operations went so far, summed over every session.</summary>
    public RoutingCounts Counts()
    {
        var totals = new RoutingCounters(Nodes.Count);
        _ownCounters.AddTo(totals);
        lock (_sessionCountersLock)
        {
            foreach (var counters in _sessionCounters)
            {
                counters.AddTo(totals);
            }
        }

        return totals.ToCounts(Nodes);
    }

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
        var replaced = Interlocked.Exchange(ref _dataSources[RoutingDecision.PrimaryNode], NpgsqlDataSource.Create(WithPoolSize(promoted.ConnectionString)));
        lock (_replacedDataSources)
        {
            // Disposed with the router: an operation may still be opening from it right now.
            _replacedDataSources.Add(replaced);
        }

        replaced.Clear();
        Volatile.Write(ref _primaryServer, promoted);
        Interlocked.Increment(ref _primaryGeneration);
    }

    /// <summary>
    /// Takes a replica out of rotation for good: promoted, or left behind by a failover because it
    /// could not follow the new primary. Marked down (counted once), never rechecked again.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="replicaName"/> is not a replica of this router.</exception>
    public void RetireReplica(string replicaName)
    {
        var node = ReplicaNode(replicaName);
        Volatile.Write(ref _retired[node - 1], 1);
        MarkDown(node);
    }

    /// <summary>Probes every replica marked down now, without waiting for the next scheduled recheck.</summary>
    public Task RecheckNowAsync(CancellationToken cancellationToken) => _rechecker.CheckOnceAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _recheckLoop;
        _stop.Dispose();
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        foreach (var dataSource in _replacedDataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_multiHost is not null)
        {
            await _npgsqlReads!.DisposeAsync();
            await _npgsqlWrites!.DisposeAsync();
            await _multiHost.DisposeAsync();
        }
    }

    /// <summary>Opens a pooled connection to one node; on failure classifies, counts, marks a replica down and throws.</summary>
    internal async ValueTask<NpgsqlConnection> OpenNodeAsync(int node, RoutingCounters counters, CancellationToken cancellationToken)
    {
        try
        {
            return await Volatile.Read(ref _dataSources[node]).OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (IsOperationFailure(ex))
        {
            var failure = HandleFailure(ex, node, whileOpening: true, counters);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationFailedException(failure, ex);
        }
    }

    /// <summary>Opens through Npgsql's multi-host data source and finds which node it picked.</summary>
    internal async ValueTask<(NpgsqlConnection Connection, RoutingDecision Served)> OpenThroughNpgsqlAsync(
        OperationKind kind, RoutingCounters counters, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection;
        try
        {
            var source = kind == OperationKind.Write ? _npgsqlWrites! : _npgsqlReads!;
            connection = await source.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (IsOperationFailure(ex))
        {
            var failure = OperationFailureClassifier.ClassifyUnknownNode(ex, NpgsqlMultiHostName);
            counters.RecordFailure(failure);
            _observer?.Failed(failure, _timeProvider.GetTimestamp());
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationFailedException(failure, ex);
        }

        var node = NodeServing(connection);
        var served = kind == OperationKind.Write || node > RoutingDecision.PrimaryNode
            ? new RoutingDecision(node, node, false)
            : RoutingDecision.FallbackToPrimary(RoutingDecision.PrimaryNode);
        return (connection, served);
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
            MarkDown(node);
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

    private static NpgsqlMultiHostDataSource BuildMultiHost(IReadOnlyList<TopologyNode> nodes, int maximumPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(nodes[0].ConnectionString)
        {
            Host = string.Join(',', nodes.Select(n => $"{n.Host}:{n.Port}")),
            LoadBalanceHosts = true,
            MaxPoolSize = maximumPoolSize,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).BuildMultiHost();
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

    private string WithPoolSize(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = Options.MaximumPoolSize }.ConnectionString;

    private int NodeServing(NpgsqlConnection connection)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Port == connection.Port && string.Equals(Nodes[i].Host, connection.Host, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        var address = $"{connection.Host}:{connection.Port}";
        connection.Dispose();
        throw new InvalidOperationException($"Npgsql connected to {address}, which is not a node of the topology");
    }

    private void MarkDown(int node)
    {
        if (Board.MarkDown(node - 1))
        {
            _ownCounters.RecordMarkedDown(node);

            // Idle pooled connections to a server that went away are dead too; fresh opens must not get them.
            Volatile.Read(ref _dataSources[node]).Clear();
        }
    }

    private async Task<bool> ProbeReplicaAsync(int replica, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _retired[replica]) == 1)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RecheckTimeout);
        try
        {
            await using var connection = await Volatile.Read(ref _dataSources[replica + 1]).OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);

            // A replica that was promoted in the meantime no longer follows the primary: it stays out.
            return (bool)(await command.ExecuteScalarAsync(timeout.Token))!;
        }
        catch (Exception ex) when (IsOperationFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
