namespace ReplicaBench.Topology.Containers;

/// <summary>
/// The Docker labels on every container and network the <c>containers</c> provider creates. They,
/// not Testcontainers' reaper (which cannot outlive the <c>up</c> process that must leave the
/// servers running), are how <c>down</c> — and a later <c>up</c> after a crash — find everything.
/// </summary>
public static class ContainerLabels
{
    /// <summary><c>true</c> on everything ReplicaBench created, whatever topology.</summary>
    public const string Managed = "replicabench.managed";

    /// <summary>The topology id (also in topology.json): all resources of one topology.</summary>
    public const string Topology = "replicabench.topology";

    /// <summary>The full path of the state dir of the <c>up</c> that created it: leftovers of a crashed <c>up</c> there.</summary>
    public const string StateDirectory = "replicabench.state-dir";

    /// <summary><c>primary</c> or <c>replica</c>.</summary>
    public const string Role = "replicabench.role";

    /// <summary>The node name as in topology.json (<c>primary</c>, <c>replica1</c>, ...).</summary>
    public const string Node = "replicabench.node";

    /// <summary>A Docker list filter (<c>label=key=value</c>) for one label.</summary>
    public static string Filter(string key, string value) => $"{key}={value}";
}
