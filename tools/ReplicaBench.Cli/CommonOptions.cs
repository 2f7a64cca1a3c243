using System.CommandLine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Cli;

/// <summary>Options that several commands share, defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> StateDir() => new("--state-dir")
    {
        Description = $"Folder holding topology.json (default: ${TopologyStateDirectory.EnvironmentVariable}, else ~/.local/state/replicabench).",
        HelpName = "DIR",
    };

    public static Option<string?> NodeCpus() => new(NodeCpuBudget.Option)
    {
        Description = "Emulated node size: a CPU quota per server, '0.3' for every node or 'primary=0.6,replicas=0.2' per role (0.01 up to this machine's cores), "
            + "or 'auto': the machine's cores less one for the load generator, shared equally by the largest topology's nodes (load: runs without emulation, and says why, where this machine cannot emulate). "
            + "Local: each server in its own cgroup (needs root and a writable cgroup: v2 with the cpu controller, or v1 /sys/fs/cgroup/cpu), removed on down; containers: Docker's --cpus; external: refused.",
        HelpName = "CPUS|primary=CPUS,replicas=CPUS|auto",
    };

    public static Option<string?> NodeMemory() => new(NodeMemoryLimit.Option)
    {
        Description = "Emulated node size: a memory limit per server, '1GB' or 'primary=2GB,replicas=1GB' per role (binary units, at least 256MB). "
            + "Local: the server's cgroup (memory.max, or v1 memory.limit_in_bytes); containers: Docker's --memory (no swap); external: refused.",
        HelpName = "SIZE|primary=SIZE,replicas=SIZE",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON document to stdout instead of a table.",
    };
}
