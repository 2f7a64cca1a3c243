using System.CommandLine;
using ReplicaBench.Cli.Output;
using ReplicaBench.Configuration;
using ReplicaBench.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Cli.Commands;

/// <summary><c>replicabench probe staleness</c>: the visibility probe against every replica.</summary>
internal static class ProbeStalenessCommand
{
    public static Command Create()
    {
        var defaults = new VisibilityProbeOptions();
        var stateDir = CommonOptions.StateDir();
        var samples = new Option<int>("--samples")
        {
            Description = $"Marker rows to write on the primary; each gives one visibility delay per replica (1 to {VisibilityProbeOptions.MaxSamples}, default {defaults.Samples}).",
            DefaultValueFactory = _ => defaults.Samples,
            HelpName = "N",
        };
        var spacing = new Option<string>("--spacing")
        {
            Description = $"Pause after each marker's commit before the next one, e.g. 20ms (default {DurationParser.Format(defaults.Spacing)}).",
            DefaultValueFactory = _ => DurationParser.Format(defaults.Spacing),
            HelpName = "DURATION",
        };
        var timeout = new Option<string>("--timeout")
        {
            Description = $"How long a marker may stay invisible on a replica before it counts as a timeout, e.g. 10s (default {DurationParser.Format(defaults.Timeout)}).",
            DefaultValueFactory = _ => DurationParser.Format(defaults.Timeout),
            HelpName = "DURATION",
        };
        var json = CommonOptions.Json();

        var command = new Command(
            "staleness",
            "Write marker rows on the primary and time, per replica, from each commit's acknowledgement to the first replica read that sees it; prints p50/p90/p99/max in ms.")
        {
            stateDir, samples, spacing, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Everything the user typed is checked before any server is touched.
            var options = new VisibilityProbeOptions
            {
                Samples = parse.GetValue(samples),
                Spacing = DurationParser.Parse(parse.GetValue(spacing)!, "--spacing"),
                Timeout = DurationParser.Parse(parse.GetValue(timeout)!, "--timeout"),
            };
            options.Validate();
            var topology = TopologyStateDirectory.FromOption(parse.GetValue(stateDir)).Read();
            var probe = new VisibilityProbe(topology, options);

            var result = await probe.RunAsync(cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(StalenessReport.Json(result));
            }
            else
            {
                StalenessReport.WriteTable(output, result);
            }

            return result.Replicas.Any(r => r.Error is not null) ? ExitCodes.Failure : ExitCodes.Success;
        });
        return command;
    }
}
