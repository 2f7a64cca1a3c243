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
    /// deadline. Also sets Npgsql's <c>Command Timeout</c> and <c>Timeout</c> (connect) to the next
    /// whole second above it as a backstop, and a short <c>Cancellation Timeout</c>, so that a
    /// cancelled statement on a server that does not answer breaks its connection instead of waiting.
    /// </summary>
    /// <value>Default null; load runs pass <c>--op-timeout</c> (default 5 s).</value>
    public TimeSpan? OperationTimeout { get; init; }

    /// <summary>
    /// How long Npgsql waits for a frozen or slow server to acknowledge the cancellation of a
    /// timed-out statement before it breaks the connection (its <c>Cancellation Timeout</c>);
    /// applies with <see cref="OperationTimeout"/>.
    /// </summary>
    /// <value>500 ms: a healthy server answers a cancel in about a millisecond, so this is only spent on one that does not answer.</value>
    public static readonly TimeSpan CancellationWait = TimeSpan.FromMilliseconds(500);

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
