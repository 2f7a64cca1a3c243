using System.CommandLine;
using System.Threading.Channels;
using ReplicaBench.Cli.Output;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;
using Spectre.Console;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench lag</c>: the server-reported replication lag, once or every second.</summary>
internal static class LagCommand
{
    public static Command Create()
    {
        var stateDir = CommonOptions.StateDir();
        var watch = new Option<bool>("--watch")
        {
            Description = "Sample every second until Ctrl+C: a live table on a terminal, one line per replica per second when redirected (JSON Lines with --json).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Write JSON to stdout instead of a table: one document, or with --watch one compact document per line.",
        };

        var command = new Command(
            "lag",
            "Server-reported replication lag per replica: write/flush/replay lag and byte lag from the primary's pg_stat_replication, " +
            "and each replica's received-but-not-replayed bytes and now() - pg_last_xact_replay_timestamp() (the RDS ReplicaLag formula).")
        {
            stateDir, watch, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var topology = TopologyStateDirectory.FromOption(parse.GetValue(stateDir)).Read();
            if (topology.Replicas.Count == 0)
            {
                throw new BadInputException(
                    "the topology has no replicas, so there is no replication lag to show; bring one up with replicas, e.g. 'replicabench topology up --replicas 2'.");
            }

            var output = parse.InvocationConfiguration.Output;
            await using var sampler = new LagSampler(topology);
            if (parse.GetValue(watch))
            {
                await WatchAsync(sampler, output, parse.GetValue(json), cancellationToken);
                return ExitCodes.Success;
            }

            var sample = await sampler.SampleAsync(cancellationToken);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(LagReport.Json(sample, indented: true));
            }
            else
            {
                NodeTable.Render(output, LagReport.Table(sample));
                LagReport.WriteNotes(output);
            }

            return sample.PrimaryError is null && sample.Replicas.All(r => r.Error is null) ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>Until Ctrl+C, which is the normal way to end a watch (exit 0).</summary>
    private static async Task WatchAsync(LagSampler sampler, TextWriter output, bool json, CancellationToken cancellationToken)
    {
        var samples = Channel.CreateBounded<LagSample>(new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest });
        var sampling = sampler.RunAsync(samples.Writer, cancellationToken);
        try
        {
            if (!json && NodeTable.IsTerminal(output))
            {
                await LiveTableAsync(samples.Reader, output, cancellationToken);
            }
            else
            {
                await foreach (var sample in samples.Reader.ReadAllAsync(cancellationToken))
                {
                    if (json)
                    {
                        await output.WriteLineAsync(LagReport.Json(sample, indented: false));
                    }
                    else
                    {
                        LagReport.WriteLines(output, sample);
                    }

                    await output.FlushAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await sampling;
    }

    private static async Task LiveTableAsync(ChannelReader<LagSample> samples, TextWriter output, CancellationToken cancellationToken)
    {
        var console = NodeTable.CreateConsole(output);
        LagReport.WriteNotes(output);
        if (!await samples.WaitToReadAsync(cancellationToken) || !samples.TryRead(out var first))
        {
            return;
        }

        await console.Live(LagReport.Table(first)).StartAsync(async live =>
        {
            await foreach (var sample in samples.ReadAllAsync(cancellationToken))
            {
                live.UpdateTarget(LagReport.Table(sample));
            }
        });
    }
}
