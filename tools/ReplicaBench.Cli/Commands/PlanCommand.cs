using System.CommandLine;
using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Reporting.Compare;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Planning;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench plan RUNDIR... --target-reads R --target-writes W --p99 L --max-staleness S</c>:
/// exit 0 with the smallest measured topology that meets the target, 1 when none does (the answer
/// says why and what to measure next), 2 for bad input.
/// </summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var runDirectory = new Argument<string[]>("RUNDIR")
        {
            Description = "One or more load run folders (results.json) that measured one or more topologies, e.g. one run per replica count made on different nights: their cells are judged side by side, each figure naming its run. A limits run's folder adds its replicas' sustainable write rates: no topology with replicas is recommended above them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var reads = new Option<double>("--target-reads") { Description = "Reads per second the application needs.", Required = true };
        var writes = new Option<double>("--target-writes") { Description = "Writes per second the application needs.", Required = true };
        var p99 = new Option<string>("--p99") { Description = "p99 latency bound, e.g. 5ms.", Required = true };
        var staleness = new Option<string>("--max-staleness") { Description = "Oldest data a read may return, e.g. 200ms.", Required = true };
        var headroom = new Option<string>("--headroom") { Description = "Capacity kept free on every node, e.g. 20%.", DefaultValueFactory = _ => "20%" };
        var replicaCpus = new Option<double?>("--replica-cpus")
        {
            Description = "Size the replicas in CPUs (e.g. 2 for a 2-vCPU instance) from the emulated nodes' CPU per read; default: the size measured.",
            HelpName = "CPUS",
        };
        var primaryCpus = new Option<double?>("--primary-cpus") { Description = "The primary's size in CPUs for the same check of the target writes; default: the size measured.", HelpName = "CPUS" };
        var command = new Command("plan", "From measured runs, how many replicas meet a read/write/p99/staleness target, with the reasoning and assumptions.")
        {
            runDirectory, reads, writes, p99, staleness, headroom, replicaCpus, primaryCpus,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var targetReads = parse.GetValue(reads);
            var targetWrites = parse.GetValue(writes);
            if (targetReads < 0 || targetWrites < 0 || !double.IsFinite(targetReads) || !double.IsFinite(targetWrites))
            {
                throw new BadInputException("--target-reads and --target-writes must be zero or more operations per second; e.g. --target-reads 5000 --target-writes 300.");
            }

            var headroomFraction = PercentParser.Parse(parse.GetValue(headroom) ?? "20%", "--headroom");
            if (headroomFraction >= 1)
            {
                throw new BadInputException($"--headroom {parse.GetValue(headroom)} leaves no capacity; use less than 100%, e.g. --headroom 20%.");
            }

            var request = new PlanRequest(
                targetReads,
                targetWrites,
                DurationParser.Parse(parse.GetValue(p99)!, "--p99").TotalMilliseconds,
                DurationParser.Parse(parse.GetValue(staleness)!, "--max-staleness").TotalMilliseconds,
                headroomFraction);
            var sizing = new CpuSizing(Cpus(parse.GetValue(replicaCpus), "--replica-cpus"), Cpus(parse.GetValue(primaryCpus), "--primary-cpus"));
            var plan = CapacityPlanner.Plan([.. parse.GetRequiredValue(runDirectory).Select(RunFolderReader.Read)], request, sizing);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteLineAsync(plan.Answer.AsMemory(), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\nTarget: {request.TargetReads} reads/s, {request.TargetWrites} writes/s ({plan.TargetMix}), p99 ≤ {request.P99Ms} ms, staleness ≤ {request.MaxStalenessMs} ms.\n\nReasoning (per measured cell):").AsMemory(), cancellationToken);
            foreach (var line in plan.Reasoning)
            {
                await output.WriteLineAsync(("- " + line).AsMemory(), cancellationToken);
            }

            await output.WriteLineAsync("\nAssumptions:".AsMemory(), cancellationToken);
            foreach (var line in plan.Assumptions)
            {
                await output.WriteLineAsync(("- " + line).AsMemory(), cancellationToken);
            }

            await output.WriteLineAsync("\nRisks:".AsMemory(), cancellationToken);
            foreach (var line in plan.Risks)
            {
                await output.WriteLineAsync(("- " + line).AsMemory(), cancellationToken);
            }

            return plan.Meets ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static double? Cpus(double? value, string option) => value switch
    {
        null => null,
        > 0 and <= 1024 when double.IsFinite(value.Value) => value,
        _ => throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"{option} {value} is not a node size; give CPUs above 0, e.g. {option} 2.")),
    };
}
