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
        var dropSchema = new Option<bool>("--drop-schema")
        {
            Description = $"External only: drop the suite's schema '{SuiteSchema.Name}' (and nothing else) on the primary before forgetting the endpoints. Without it, down on external touches no server. Local topologies are deleted whole anyway.",
        };
        var command = new Command("down", "Stop every server of the topology and remove its data (external: stop nothing, forget the endpoints); running it again only says there is nothing up.")
        {
            stateDir, dropSchema,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stopwatch = Stopwatch.StartNew();
            var options = new TopologyDownOptions(parse.GetValue(dropSchema));
            var topology = await TopologyLifecycle.DownAsync(TopologyStateDirectory.FromOption(parse.GetValue(stateDir)), options, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (topology.External is not null)
            {
                await output.WriteLineAsync(options.DropSuiteSchema
                    ? $"Down in {stopwatch.Elapsed.TotalSeconds:0.0}s: dropped schema {SuiteSchema.Name} on the primary (nothing else) and forgot {topology.Nodes.Count} external endpoint(s); nothing was stopped."
                    : $"Down in {stopwatch.Elapsed.TotalSeconds:0.0}s: forgot {topology.Nodes.Count} external endpoint(s); nothing was stopped or dropped (schema {SuiteSchema.Name} is kept; --drop-schema removes it).");
                return ExitCodes.Success;
            }

            await output.WriteLineAsync(
                $"Down in {stopwatch.Elapsed.TotalSeconds:0.0}s: stopped and removed {topology.Nodes.Count} node(s).");
            return ExitCodes.Success;
        });
        return command;
    }
}
