using System.CommandLine;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench topology</c>: bring a primary and its replicas up, inspect them, take them down.</summary>
internal static class TopologyCommand
{
    public static Command Create()
    {
        var command = new Command("topology", "Start, inspect and stop a primary with N streaming replicas.");
        command.Subcommands.Add(TopologyUpCommand.Create());
        command.Subcommands.Add(TopologyStatusCommand.Create());
        command.Subcommands.Add(TopologyDownCommand.Create());
        return command;
    }
}
