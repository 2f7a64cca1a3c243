using System.CommandLine;
using System.Text.Json;
using ReplicaBench.Cli.Output;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench topology status</c>.</summary>
internal static class TopologyStatusCommand
{
    public static Command Create()
    {
        var stateDir = CommonOptions.StateDir();
        var json = CommonOptions.Json();
        var command = new Command(
            "status",
            "Per node: role, reachable, and for replicas the replication state and lag (bytes and time) from the primary's pg_stat_replication.")
        {
            stateDir, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var topology = TopologyStateDirectory.FromOption(parse.GetValue(stateDir)).Read();
            var statuses = await TopologyStatusReader.ReadAsync(topology, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { provider = topology.Provider, nodes = statuses, emulation = topology.Emulation, tls = topology.Tls }, CliJson.Options));
            }
            else
            {
                NodeTable.WriteStatus(output, statuses, topology.Emulation);
                if (topology.Emulation is not null)
                {
                    await output.WriteLineAsync(NodeTable.DescribeEmulation(topology));
                }

                if (topology.Tls is not null)
                {
                    await output.WriteLineAsync($"TLS: every node verified (verify-full) against the topology's CA {topology.Tls.CaFile}.");
                }
            }

            return statuses.All(s => s.Reachable) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}
