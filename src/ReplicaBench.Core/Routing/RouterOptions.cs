namespace ReplicaBench.Routing;

/// <summary>How a <see cref="Router"/> pools connections and rechecks replicas it took out of rotation.</summary>
public sealed record RouterOptions
{
    /// <summary>How often replicas marked down are probed again.</summary>
    /// <value>Default 2 s: short enough that a restarted replica is back within a fraction of a typical load run's
    /// reporting window, long enough that a dead replica costs one connection attempt per interval, not per read.
    /// (Npgsql's own <c>Host Recheck Seconds</c> defaults to 10 s.)</value>
    public TimeSpan RecheckInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one recheck probe (connect + <c>SELECT pg_is_in_recovery()</c>) may take before the replica counts as still down.</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan RecheckTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Npgsql <c>Maximum Pool Size</c> for each node's pool (and per host of the npgsql-prefer-standby
    /// multi-host pool). A virtual user holds at most one connection per node, so this caps the
    /// virtual users per node; keep it under the server's <c>max_connections</c>.
    /// </summary>
    /// <value>Default 100, Npgsql's own default.</value>
    public int MaximumPoolSize { get; init; } = 100;

    /// <summary>
    /// How long one operation of a virtual user, the opening of its connection included, may take
    /// before it ends as a <c>timeout</c> error (<see cref="OperationDeadline"/>), or null for no
    /// deadline. Also sets Npgsql's connect <c>Timeout</c> (<see cref="ConnectTimeoutSeconds"/>), its
    /// <c>Command Timeout</c> as a backstop (<see cref="CommandTimeoutSeconds"/>), and a short
    /// <c>Cancellation Timeout</c> (<see cref="CancellationWait"/>).
    /// </summary>
    /// <remarks>
    /// An operation ends at the deadline whatever the server does: the statement in flight is
    /// abandoned with its connection (<see cref="StatementRace{T}"/>), and the virtual user goes on
    /// with a fresh connection. Npgsql's own cancellation ends the abandoned statement later: its
    /// cancel request waits up to twice the connect timeout on a server that does not answer
    /// (<see cref="AbandonedStatementLifetime"/>). An open on such a node ends at the connect timeout
    /// (Npgsql honours no cancellation while it waits for the server's first reply), which is at
    /// most the deadline for a timeout of 1 s or more. Reads stop going to the node once the replica
    /// monitor misses its answer (1 s), so only operations already on their way there wait that long.
    /// Custom scripts (<c>--script</c>) still wait for Npgsql's cancellation: a script keeps its
    /// variables across statements, so its statements cannot be left to run behind the user.
    /// </remarks>
    /// <value>Default null; load runs pass <c>--op-timeout</c> (default 5 s).</value>
    public TimeSpan? OperationTimeout { get; init; }

    /// <summary>
    /// Npgsql's connect timeout under an <see cref="OperationTimeout"/>: half of it in whole seconds,
    /// at least 1. It bounds an open on a silent node, and twice over the cancel request of a
    /// statement that outlived the deadline; a full connect timeout of its own would triple the wait.
    /// </summary>
    public static int ConnectTimeoutSeconds(TimeSpan operationTimeout) => Math.Clamp((int)Math.Ceiling(operationTimeout.TotalSeconds / 2), 1, 1024);

    /// <summary>
    /// Npgsql's <c>Command Timeout</c> under an <see cref="OperationTimeout"/>: a backstop that fires
    /// only after an abandoned statement's own cancellation has had its time
    /// (<see cref="AbandonedStatementLifetime"/>), + 1 s. Sooner, Npgsql's read timeout would break
    /// the connection on a thread-pool thread, where the break waits for the lock the cancel request
    /// holds: a second above the deadline, as it was, blocked one pool thread per abandoned statement
    /// for a second (measured: the whole run's throughput fell to a tenth in the second after four
    /// users' statements were abandoned on a 2-core machine).
    /// </summary>
    public static int CommandTimeoutSeconds(TimeSpan operationTimeout) =>
        (int)Math.Ceiling((TimeSpan.FromSeconds(Math.Ceiling(operationTimeout.TotalSeconds)) + AbandonedStatementLifetime(operationTimeout)).TotalSeconds) + 1;

    /// <summary>
    /// How long a statement abandoned at its deadline can still hold its connection: Npgsql's cancel
    /// request, twice the connect timeout on a server that accepts TCP but never answers (measured,
    /// Npgsql 10), plus <see cref="CancellationWait"/>. The router waits at most this long for such
    /// statements before it disposes its pools.
    /// </summary>
    public static TimeSpan AbandonedStatementLifetime(TimeSpan operationTimeout) =>
        TimeSpan.FromSeconds(2 * ConnectTimeoutSeconds(operationTimeout)) + CancellationWait;

    /// <summary>
    /// How long Npgsql waits for a frozen or slow server to acknowledge the cancellation of a
    /// timed-out statement before it breaks the connection (its <c>Cancellation Timeout</c>);
    /// applies with <see cref="OperationTimeout"/>.
    /// </summary>
    /// <value>500 ms: a healthy server answers a cancel in about a millisecond, so this is only spent on one that does not answer.</value>
    public static readonly TimeSpan CancellationWait = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Npgsql's <c>Include Error Detail</c> on the router's connections: the server's detail of an
    /// error reaches the caller instead of being redacted. The <c>long-reads</c> scenario needs it to
    /// tell a recovery conflict's kind; its virtual users only match the detail against PostgreSQL's
    /// fixed reasons and never write error text anywhere.
    /// </summary>
    /// <value>Default false: Npgsql's default, since a detail can hold row values.</value>
    public bool IncludeErrorDetail { get; init; }

    /// <summary>The clock for rechecks and for aging lag samples; the system clock except in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Told about every counted success and failure with its timestamp (fault windows); null: nobody is.</summary>
    /// <value>Default null: no per-operation timestamp is taken.</value>
    public IRoutingObserver? Observer { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RecheckInterval, TimeSpan.Zero, nameof(RecheckInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RecheckTimeout, TimeSpan.Zero, nameof(RecheckTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaximumPoolSize, 1, nameof(MaximumPoolSize));
        if (OperationTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(OperationTimeout));
        }
    }
}
