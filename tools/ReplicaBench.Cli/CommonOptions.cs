using System.CommandLine;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli;

/// <summary>Options that several commands share, defined once so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string?> StateDir() => new("--state-dir")
    {
        Description = $"Folder holding topology.json (default: ${TopologyStateDirectory.EnvironmentVariable}, else ~/.local/state/replicabench).",
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON document to stdout instead of a table.",
    };
}
