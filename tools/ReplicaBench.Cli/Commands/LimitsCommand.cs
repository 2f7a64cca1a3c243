using System.CommandLine;
using System.Globalization;
using ReplicaBench.Cli.Load;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs.Limits;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench limits --replicas N --write-rates 500,1000,2000 --out DIR</c>: the write rate at
/// which each replica stops keeping up; the work is <see cref="LimitsRunner"/>'s. Exit 0, 2 bad
/// input (nothing started), 130 interrupted (results.json holds the steps that ran).
/// </summary>
internal static class LimitsCommand
{
    public static Command Create()
    {
        var replicas = new Option<int>("--replicas") { Description = "Replicas of the topology (default 1); with --state-dir, its first N.", DefaultValueFactory = _ => 1, HelpName = "N" };
        var rates = new Option<string>("--write-rates") { Description = "Target writes per second, one step each, increasing, e.g. 500,1000,2000,4000.", Required = true, HelpName = "W[,W...]" };
        var mix = new Option<string>("--mix")
        {
            Description = $"The operations of every step, as load --mix (default {LimitsSettings.DefaultMix}, writes only); the open model's rate is the write rate over the mix's write share.",
            DefaultValueFactory = _ => LimitsSettings.DefaultMix,
            HelpName = "OP=PCT[,OP=PCT...]",
        };
        var policy = new Option<string>("--policy") { Description = "Where the mix's reads go (default round-robin).", DefaultValueFactory = _ => "round-robin", HelpName = "POLICY" };
        var step = new Option<string>("--step") { Description = $"Measured time per step (default {LimitsSettings.DefaultStep}).", DefaultValueFactory = _ => LimitsSettings.DefaultStep, HelpName = "DURATION" };
        var warmUp = new Option<string>("--warmup") { Description = $"Warm-up per step (default {LimitsSettings.DefaultWarmUp}).", DefaultValueFactory = _ => LimitsSettings.DefaultWarmUp, HelpName = "DURATION" };
        var stateDir = new Option<string?>("--state-dir") { Description = "Run on the topology up in this state dir (left running) instead of provisioning one; it must allow writes.", HelpName = "DIR" };
        var nodeCpus = CommonOptions.NodeCpus();
        nodeCpus.Description = "For the topology the run provisions: " + nodeCpus.Description;
        var nodeMemory = CommonOptions.NodeMemory();
        nodeMemory.Description = "For the topology the run provisions: " + nodeMemory.Description;
        var seedRows = new Option<long>("--seed-rows") { Description = "Rows of the table the writes update (default 100000).", DefaultValueFactory = _ => 100_000, HelpName = "N" };
        var output = new Option<string>("--out") { Description = "Run folder for results.json (with limits) and steps/.", Required = true, HelpName = "DIR" };
        var force = new Option<bool>("--force") { Description = "Replace a previous run in --out." };
        var check = new Option<bool>("--check") { Description = "Check the arguments and exit: nothing runs." };
        var command = new Command("limits", "Step the write rate up (open model) and find, per replica, the highest rate whose replay lag does not grow: lag mean, p99 and slope per step, the WAL rate and each node's CPU. See docs/limits.md.")
        {
            replicas, rates, mix, policy, step, warmUp, stateDir, nodeCpus, nodeMemory, seedRows, output, force, check,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var limits = new LimitsSettings
            {
                WriteRates = ParseRates(parse.GetRequiredValue(rates)),
                OutputDirectory = Path.GetFullPath(parse.GetRequiredValue(output)),
                Replicas = parse.GetValue(replicas),
                Mix = parse.GetRequiredValue(mix),
                Policy = parse.GetRequiredValue(policy),
                Step = parse.GetRequiredValue(step),
                WarmUp = parse.GetRequiredValue(warmUp),
                StateDir = parse.GetValue(stateDir),
                NodeCpus = parse.GetValue(nodeCpus),
                NodeMemory = parse.GetValue(nodeMemory),
                SeedRows = parse.GetValue(seedRows),
                Force = parse.GetValue(force),
            };
            LimitsRunner.Check(limits, Scenarios.Resolve);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(check))
            {
                await writer.WriteLineAsync($"limits: the arguments are valid: {limits.WriteRates.Count} step(s) of {limits.Step} on {limits.Replicas} replica(s)");
                return ExitCodes.Success;
            }

            if (RunFolder.HoldsRun(limits.OutputDirectory) && !limits.Force)
            {
                throw new BadInputException($"--out {limits.OutputDirectory} already holds a run (results.json); choose another folder, or add --force to replace it.");
            }

            RunFolder.ClearPreviousRun(limits.OutputDirectory);
            var outcome = await LimitsRunner.RunAsync(limits, Scenarios.Resolve, new PlainMatrixProgress(writer), TimeProvider.System, cancellationToken);
            foreach (var line in LimitsText.Lines(outcome.Results.Limits!))
            {
                await writer.WriteLineAsync(line);
            }

            await writer.WriteLineAsync($"results: {outcome.ResultsFile}");
            if (!outcome.Complete)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"replicabench: limits interrupted; {outcome.ResultsFile} holds the steps that ran (complete=false).");
                return ExitCodes.Cancelled;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<double> ParseRates(string text)
    {
        var rates = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
            {
                throw new BadInputException($"--write-rates '{text}': '{part}' is not a number; give writes per second, e.g. --write-rates 500,1000,2000,4000.");
            }

            rates.Add(rate);
        }

        return [.. LimitsSettings.CheckRates(rates)];
    }
}
