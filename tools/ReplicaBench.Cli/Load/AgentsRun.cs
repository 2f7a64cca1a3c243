using System.Globalization;
using ReplicaBench.Results;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Agents;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// <c>load --agents N</c> at the terminal: runs <see cref="LocalAgents"/>, says where each agent's
/// log is, one summary line per merged cell, and maps the outcome to the exit code.
/// </summary>
internal static class AgentsRun
{
    public static async Task<int> RunAsync(
        LoadMatrixSettings settings, int agents, int? metricsPort, string? otlpEndpoint, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        // Agent 1's lines arrive on its output-reading thread.
        var steps = TextWriter.Synchronized(output);
        var outcome = await LocalAgents.RunAsync(
            settings, agents, SelfCommand.Current(), metricsPort, otlpEndpoint, steps.WriteLine, TimeProvider.System, cancellationToken);
        for (var i = 0; i < outcome.ExitCodes.Count; i++)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"agent {i + 1}: exit {outcome.ExitCodes[i]}, run folder {outcome.Plan.FolderOf(i + 1)}"));
        }

        if (outcome.Interrupted)
        {
            await errors.WriteLineAsync($"replicabench: load interrupted; each agent's folder under {outcome.Plan.AgentsDirectory} holds what it ran (not merged).");
            return ExitCodes.Cancelled;
        }

        if (outcome.Merged is not { } merged)
        {
            var failed = outcome.ExitCodes.Select((code, i) => (code, agent: i + 1)).Where(a => a.code != ExitCodes.Success).Select(a => a.agent).ToList();
            await errors.WriteLineAsync(
                $"replicabench: agent(s) {string.Join(", ", failed)} did not complete, so nothing was merged; see {string.Join(", ", failed.Select(outcome.Plan.LogOf))}.");
            return ExitCodes.Failure;
        }

        foreach (var cell in merged.Cells)
        {
            await output.WriteLineAsync(Summary(cell, agents));
        }

        await output.WriteLineAsync($"results: {Path.Combine(outcome.Plan.OutputDirectory, ResultsFile.FileName)}");
        if (outcome.ExitCodes.Any(code => code != ExitCodes.Success))
        {
            // The agents completed, but some failed a check of their own (e.g. dropped arrivals); its line is in the log.
            await errors.WriteLineAsync($"replicabench: an agent exited {outcome.ExitCodes.Max()}; its reason is in its log under {outcome.Plan.AgentsDirectory}.");
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static string Summary(CellResults cell, int agents) => string.Create(
        CultureInfo.InvariantCulture,
        $"{cell.Id} ({agents} agent{(agents == 1 ? "" : "s")}): {cell.Throughput:0} ops/s, p50 {cell.LatencyMs?.P50:0.###} ms, p99 {cell.LatencyMs?.P99:0.###} ms, errors {cell.Errors}, generator CPU {Cpu(cell)}");

    private static string Cpu(CellResults cell) => cell.Generator?.CpuMicrosPerOperation is { } micros
        ? string.Create(CultureInfo.InvariantCulture, $"{micros:0.0} µs/op")
        : "not measured";
}
