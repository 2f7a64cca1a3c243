namespace ReplicaBench.Routing;

/// <summary>The routing policies ReplicaBench compares; each is documented on its policy class.</summary>
public enum RoutingPolicyKind
{
    /// <summary><c>primary-only</c>: the baseline, every operation on the primary.</summary>
    PrimaryOnly,

    /// <summary><c>round-robin</c>: reads spread evenly over healthy replicas, read by read.</summary>
    RoundRobin,

    /// <summary><c>session-round-robin</c>: each session dealt a healthy replica in turn, all its reads there (per-connection balancing).</summary>
    SessionRoundRobin,

    /// <summary><c>least-lag</c>: reads to the healthy replica with the smallest sampled lag.</summary>
    LeastLag,

    /// <summary><c>bounded-staleness:&lt;duration&gt;</c>: reads to a replica only while its lag is below the bound.</summary>
    BoundedStaleness,

    /// <summary><c>read-your-writes</c>: session consistency by LSN.</summary>
    ReadYourWrites,

    /// <summary><c>npgsql-prefer-standby</c>: Npgsql's own multi-host routing, the library baseline.</summary>
    NpgsqlPreferStandby,
}
