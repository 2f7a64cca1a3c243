using System.CommandLine;
using ReplicaBench.Reporting.Compare;
using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench compare BASELINE CANDIDATE</c>: Markdown to stdout (and --out) with, per cell and
/// metric, the change, its 95% interval and the method that judged it (--out also gets the
/// percentile-distribution chart, baseline dashed, as a PNG beside it); exit 0 without regression,
/// 1 with one (named on stderr), 2 for bad input or runs that do not match.
/// </summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var baseline = new Argument<string?>("BASELINE") { Description = "The baseline run folder (or its results.json).", Arity = ArgumentArity.ZeroOrOne };
        var candidate = new Argument<string?>("CANDIDATE") { Description = "The candidate run folder (or its results.json).", Arity = ArgumentArity.ZeroOrOne };
        var moreBaselines = new Option<string[]>("--baseline")
        {
            Description = "A further baseline run folder, repeatable: the baseline's cells then come from several runs (e.g. one per replica count), each cell from the one run that has it.",
            HelpName = "DIR",
        };
        var moreCandidates = new Option<string[]>("--candidate") { Description = "A further candidate run folder, repeatable, as --baseline.", HelpName = "DIR" };
        var minChange = new Option<string>("--min-change")
        {
            Description = "Smallest change that counts, e.g. 5%; a regression must also have its 95% interval (bootstrap, repeats or exact counts) wholly on the worse side.",
            DefaultValueFactory = _ => "5%",
        };

        // compare's option was called --threshold until load's SLO checks took that name; say so.
        var oldName = new Option<string?>("--threshold") { Hidden = true, Description = "Renamed --min-change; refused with a line that says so." };
        var output = new Option<string?>("--out") { Description = "Also write the Markdown to this file, with the percentile-distribution chart (baseline dashed) as FILE-STEM.percentile-distribution.png beside it." };
        var command = new Command(
            "compare",
            "Compare a candidate run with a baseline per cell and metric; exit 1 on a regression beyond both the minimum change and the noise (runs made with load --repeat N give narrower intervals).")
        {
            baseline,
            candidate,
            moreBaselines,
            moreCandidates,
            minChange,
            oldName,
            output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(oldName) is { } old)
            {
                throw new BadInputException($"compare's --threshold is now --min-change (--threshold is load's pass/fail check); write --min-change {old}.");
            }

            var fraction = PercentParser.Parse(parse.GetValue(minChange) ?? "5%", "--min-change");
            var baselines = Folders(parse.GetValue(baseline), parse.GetValue(moreBaselines), "baseline");
            var candidates = Folders(parse.GetValue(candidate), parse.GetValue(moreCandidates), "candidate");
            var result = RunComparer.Compare(baselines, candidates, fraction);
            var markdown = ComparisonMarkdown.Render(result);
            if (parse.GetValue(output) is { } file)
            {
                // The file gets the percentile-distribution chart too (a PNG beside it); stdout stays text.
                var chart = ComparisonDistributionChart.Write(baselines[0], candidates[0], file);
                try
                {
                    ReplicaBench.Results.AtomicFile.WriteAllText(file, markdown + chart);
                }
                catch (OutputFileException ex) when (!ex.DiskFull)
                {
                    // A path the user can fix is bad input; a full disk is a failure (exit 1, its own line).
                    throw new BadInputException($"cannot write --out '{file}' ({ex.InnerException?.Message}); choose a writable path.", ex);
                }
            }

            await parse.InvocationConfiguration.Output.WriteAsync(markdown.AsMemory(), cancellationToken);
            if (!result.HasRegression)
            {
                return ExitCodes.Success;
            }

            var names = string.Join(", ", result.Regressions.Select(r => $"{r.Metric} in {r.Cell}"));
            await parse.InvocationConfiguration.Error.WriteLineAsync($"replicabench: regression: {names}.".AsMemory(), cancellationToken);
            return ExitCodes.Failure;
        });
        return command;
    }

    /// <summary>The positional run folder, then each --baseline (or --candidate) one, read.</summary>
    private static RunFolder[] Folders(string? positional, string[]? more, string side)
    {
        string[] paths = [.. positional is null ? [] : new[] { positional }, .. more ?? []];
        return paths.Length == 0
            ? throw new BadInputException($"no {side} run given; write 'compare BASELINE CANDIDATE', or name runs with --baseline DIR and --candidate DIR.")
            : [.. paths.Select(RunFolderReader.Read)];
    }

}
