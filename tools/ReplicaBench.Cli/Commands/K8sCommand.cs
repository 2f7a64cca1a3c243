using System.CommandLine;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench k8s</c>: run the load from many machines on Kubernetes (docs/kubernetes.md).</summary>
internal static class K8sCommand
{
    public static Command Create()
    {
        var command = new Command("k8s", "Run a sharded load on Kubernetes: one pod per shard, then a merge (docs/kubernetes.md).");
        command.Subcommands.Add(K8sManifestCommand.Create());
        return command;
    }
}
