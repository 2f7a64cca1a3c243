using System.CommandLine;
using ReplicaBench.Runs.Merging;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench merge DIR... --out DIR</c>: joins the shards of one run (<c>load --shard i/N</c>)
/// into one run folder; the work is <see cref="RunMerger"/>'s.
/// </summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("DIR")
        {
            Description = "The shards' run folders (each written by `load --shard i/N`, results.json and cells/*/latency.hlog), at least 2.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "The merged run folder to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Replace a run already in --out." };
        var command = new Command(
            "merge",
            "Join shard run folders into one: latency histograms added interval by interval (exact percentiles), counts and per-second series summed, each shard recorded.")
        {
            folders, output, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var merged = RunMerger.Merge(parse.GetRequiredValue(folders), parse.GetRequiredValue(output), parse.GetValue(force));
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"merged {merged.Shards?.Count} shards, {merged.Cells.Count} cell(s), {merged.Cells.Sum(c => c.Operations)} operations into {Path.GetFullPath(parse.GetRequiredValue(output))}".AsMemory(),
                cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
