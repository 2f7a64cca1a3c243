using System.CommandLine;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench probe</c>: client-side measurements against a running topology.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var command = new Command("probe", "Measure, from the client's side, what the topology does (e.g. how stale replica reads are).");
        command.Subcommands.Add(ProbeStalenessCommand.Create());
        return command;
    }
}
