namespace ReplicaBench.Routing;

/// <summary>
/// One virtual user's statements raced against its <see cref="OperationDeadline"/>
/// (<see cref="StatementRace{T}"/>): the reusable race, and how many of the user's abandoned
/// statements are still running. Owned by <see cref="SessionConnections"/>; one operation at a
/// time, except the counts, which abandoned statements update from the background.
/// </summary>
internal sealed class DeadlineRaces
{
    /// <summary>
    /// A user with this many abandoned statements still running waits for its next one as before
    /// (until Npgsql's cancellation ends it) rather than abandon a further connection: it caps the
    /// connections a user holds at its own plus two. Each abandoned statement ends within
    /// <see cref="RouterOptions.AbandonedStatementLifetime"/> of its deadline, and the user spends
    /// the operation timeout on each, so the cap is reached only with a timeout under about 1.3 s
    /// (lifetime 2.5 s with the shortest connect timeout, 1 s).
    /// </summary>
    public const int MaximumAbandonedPerUser = 2;

    private readonly Router _router;
    private readonly OperationDeadline _deadline;
    private IAbandonable? _race;
    private int _abandonedInFlight;

    public DeadlineRaces(Router router, OperationDeadline deadline)
    {
        _router = router;
        _deadline = deadline;
    }

    /// <summary>This user's abandoned statements still running.</summary>
    public int AbandonedInFlight => Volatile.Read(ref _abandonedInFlight);

    /// <summary>
    /// Returns <paramref name="statement"/> itself when it has completed, when there is no deadline or
    /// when the user is at <see cref="MaximumAbandonedPerUser"/>; else a wait that the deadline ends.
    /// </summary>
    public ValueTask<T> Run<T>(ValueTask<T> statement, in RoutedLease lease, IAsyncDisposable? companion)
    {
        if (statement.IsCompleted || _deadline.Timeout is null || Volatile.Read(ref _abandonedInFlight) >= MaximumAbandonedPerUser)
        {
            return statement;
        }

        if (_race is not StatementRace<T> race)
        {
            race = new StatementRace<T>(this, _deadline);
            _race = race;
        }

        return race.Start(statement, lease.Connection, lease.NodeIndex, companion);
    }

    /// <summary>
    /// After a failed operation: true when its statement was abandoned, so its connection is no
    /// longer the user's. The race then belongs to that statement, and the next one gets a new race.
    /// </summary>
    public bool TakeAbandoned()
    {
        if (_race is not { WasAbandoned: true })
        {
            return false;
        }

        _race = null;
        return true;
    }

    internal void Started()
    {
        Interlocked.Increment(ref _abandonedInFlight);
        _router.Abandoned.Started();
    }

    internal void Ended()
    {
        Interlocked.Decrement(ref _abandonedInFlight);
        _router.Abandoned.Ended();
    }

    /// <summary>Makes Npgsql close rather than pool the node's connections when they are returned (and closes its idle ones).</summary>
    internal void ClearPool(int node)
    {
        // Under npgsql-prefer-standby the connection came from the multi-host pool, which tracks its hosts itself.
        if (!_router.RoutesThroughNpgsql)
        {
            _router.DataSource(node).Clear();
        }
    }
}
