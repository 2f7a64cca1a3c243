using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Topology.External;

/// <summary>How the external provider is driven from the command line (or a test).</summary>
public sealed record ExternalProviderOptions
{
    /// <summary><c>--config FILE</c>: the JSON file with the endpoints; null to use environment variables only.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--allow-writes</c>: lets the suite write inside its own schema on the primary.</summary>
    public bool AllowWrites { get; init; }

    /// <summary>
    /// <c>--replicas N</c> when the user gave it: then the configuration must list exactly N replicas
    /// (a check that the endpoints are the ones the run was planned for); null when not given.
    /// </summary>
    public int? ExpectedReplicas { get; init; }

    /// <summary><c>down --drop-schema</c>: drop the suite schema on the primary before forgetting the topology.</summary>
    public bool DropSchemaOnDown { get; init; }

    /// <summary>
    /// With <c>auth: iam</c>, where tokens come from; the default credential chain and the system clock
    /// when null. Tests give fixed credentials and a fixed clock, so they know the token in advance.
    /// </summary>
    public RdsTokenSource? IamTokens { get; init; }

    /// <summary>Reads environment variables; the process environment when null (tests pass their own).</summary>
    public Func<string, string?>? Environment { get; init; }
}
