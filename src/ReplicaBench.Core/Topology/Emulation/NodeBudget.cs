using ReplicaBench.Engine;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// The emulated size of each server: a CPU quota (<c>--node-cpus</c>) and a memory limit
/// (<c>--node-memory</c>), either or both. The local provider enforces it with one cgroup per
/// server, the containers provider with Docker's <c>--cpus</c>/<c>--memory</c>; the external
/// provider refuses it, since it cannot limit a server it does not run.
/// </summary>
public sealed record NodeBudget(NodeCpuBudget Cpus, NodeMemoryLimit Memory)
{
    public static NodeBudget None { get; } = new(NodeCpuBudget.None, NodeMemoryLimit.None);

    public bool IsEmpty => Cpus.IsEmpty && Memory.IsEmpty;

    /// <summary>The options that asked for it, for an error line: <c>--node-cpus</c>, <c>--node-memory</c> or both.</summary>
    public string Options => (Cpus.IsEmpty, Memory.IsEmpty) switch
    {
        (false, false) => $"{NodeCpuBudget.Option} and {NodeMemoryLimit.Option}",
        (true, false) => NodeMemoryLimit.Option,
        _ => NodeCpuBudget.Option,
    };

    /// <summary>Parses both options (either may be null); each mistake is one <see cref="BadInputException"/> line.</summary>
    public static NodeBudget Parse(string? cpus, string? memory, int? cores = null)
    {
        var budget = new NodeBudget(NodeCpuBudget.Parse(cpus, cores), NodeMemoryLimit.Parse(memory));
        return budget.IsEmpty ? None : budget;
    }

    /// <summary>The CPU quota and memory limit of a node in <paramref name="role"/>; nulls for none.</summary>
    public (double? Cpus, long? MemoryBytes) For(NodeRole role) => (Cpus.For(role), Memory.For(role));

    /// <summary>The primary and the named replicas that the budget covers, each with its quota and limit (no cgroup yet).</summary>
    public IReadOnlyList<EmulatedNode> Nodes(IEnumerable<string> replicaNames) =>
        [.. replicaNames.Select(n => (Name: n, Size: For(NodeRole.Replica)))
            .Prepend((Name: "primary", Size: For(NodeRole.Primary)))
            .Where(n => n.Size.Cpus is not null || n.Size.MemoryBytes is not null)
            .Select(n => new EmulatedNode(n.Name, n.Size.Cpus, n.Size.MemoryBytes))];

    /// <summary>One line for people: <c>cpus 0.3, memory 1GB per node</c>.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (!Cpus.IsEmpty)
        {
            parts.Add("cpus " + Cpus);
        }

        if (!Memory.IsEmpty)
        {
            parts.Add("memory " + Memory);
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
