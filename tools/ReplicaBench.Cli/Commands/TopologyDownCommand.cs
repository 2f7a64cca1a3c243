using System.CommandLine;
using System.Diagnostics;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench topology down</c>.</summary>
internal static class TopologyDownCommand
{
    public static Command Create()
    {
        var stateDir = CommonOptions.StateDir();
        var command = new Command("down", "Stop every server of the topology and remove its data; running it again only says there is nothing up.")
        {
            stateDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stopwatch = Stopwatch.StartNew();
            var topology = await TopologyLifecycle.DownAsync(TopologyStateDirectory.FromOption(parse.GetValue(stateDir)), cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"Down in {stopwatch.Elapsed.TotalSeconds:0.0}s: stopped and removed {topology.Nodes.Count} node(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
