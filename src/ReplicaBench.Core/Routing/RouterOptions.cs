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
    }
}
