using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>
/// The <c>run</c> object of results.json minus the settings: identity, timing, completeness, what
/// ran the load and on what. Never holds a secret (no connection strings, no passwords).
/// </summary>
public sealed record RunMetadata
{
    /// <summary>Run id, e.g. <c>20261127-130501</c>.</summary>
    public required string Id { get; init; }

    /// <summary>When the run started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished; null while it is still running.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>False while running and when interrupted: the cells hold what ran.</summary>
    public bool Complete { get; init; }

    /// <summary>Suite version and commit.</summary>
    public required SuiteIdentity Suite { get; init; }

    /// <summary>The machine the load ran on.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>PostgreSQL's <c>version()</c>-derived string; null until a server was reached.</summary>
    public string? PostgresVersion { get; init; }

    /// <summary>Topology provider: local, containers or external.</summary>
    public required string Provider { get; init; }

    /// <summary>True when every node ran on the machine running the load (loopback hosts).</summary>
    public bool SameHost { get; init; }

    /// <summary>False on a topology that allows no writes: nothing seeded or probed, no write ran.</summary>
    public bool WritesAllowed { get; init; } = true;

    /// <summary>The budgets the topology's servers ran under; null when the nodes were not emulated.</summary>
    public EmulationInfo? Emulation { get; init; }

    /// <summary>The PostgreSQL settings the topology's servers were given per role; null when none.</summary>
    public ServerSettingsInfo? ServerSettings { get; init; }

    /// <summary>The transaction pooler in front of the servers; null when the load connected directly.</summary>
    public PoolerInfo? Pooler { get; init; }

    /// <summary>This run's shard of a sharded matrix (<c>--shard</c>); null when the run is the whole matrix.</summary>
    public ShardInfo? Shard { get; init; }
}
