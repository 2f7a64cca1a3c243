using System.Globalization;
using System.Text.Json;
using ReplicaBench.Results;
using ReplicaBench.Runs.Merging;

namespace ReplicaBench.Runs.Agents;

/// <summary>
/// <c>load --agents N</c>: runs the matrix as N shard processes on this machine, all started at one
/// instant it chooses, and merges their run folders into one (<see cref="RunMerger"/>). It is the
/// local form of a fleet of load generators, and the way to see what a second generator process
/// adds on one machine.
/// </summary>
/// <remarks>
/// The agents get the run's settings from one run file written from the settings as results.json
/// records them, so they are the same by construction; only <c>--shard</c> differs. The parent seeds
/// the table before it launches them, so the start instant needs no allowance for seeding (shard 1
/// then finds the table as seeded and only marks it). An agent that fails on bad input makes the
/// run bad input, with that agent's own line; a run stopped by Ctrl+C or SIGTERM keeps each agent's
/// folder (with what it measured) and is not merged.
/// </remarks>
public static class LocalAgents
{
    /// <summary>The exit code of a <c>load</c> refused for bad input (the CLI's ExitCodes.BadInput).</summary>
    private const int BadInputExit = 2;

    /// <summary>The exit code of an interrupted <c>load</c> (the CLI's ExitCodes.Cancelled).</summary>
    private const int InterruptedExit = 130;

    /// <summary>How long agents get to stop after being asked before they are ended.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    /// <summary>How long a terminal's own Ctrl+C is given to reach the agents before they are asked.</summary>
    private static readonly TimeSpan SignalReachGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Seeds, launches <paramref name="agents"/> agents, waits for them, and merges what they wrote.
    /// <paramref name="step"/> hears what happens, agent 1's progress lines included (it may be called from another thread).
    /// </summary>
    public static async Task<AgentsOutcome> RunAsync(
        LoadMatrixSettings settings,
        int agents,
        AgentCommand command,
        int? metricsPort,
        string? otlpEndpoint,
        Action<string> step,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(timeProvider);
        AgentRunCheck.Check(settings, agents);
        if (!settings.NoSeed)
        {
            await MatrixSeeding.SeedAsync(settings.StateDirectory!.Read(), settings.SeedRows, step, cancellationToken);
        }

        var plan = new AgentPlan(agents, AgentPlan.ChooseStartAt(timeProvider.GetUtcNow(), agents), Path.GetFullPath(settings.OutputDirectory), metricsPort, otlpEndpoint);
        Prepare(plan, settings);
        step(string.Create(CultureInfo.InvariantCulture, $"{agents} agent(s) start their cells at {plan.StartAtText}; their logs: {plan.AgentsDirectory}/agent-N.log"));

        // Agent 1 seeds, probes and samples lag, so its progress is the run's: it is echoed, prefixed.
        var processes = Enumerable.Range(1, agents)
            .Select(i => AgentProcess.Start(command, plan, i, i == 1 ? line => step("agent 1: " + line) : null))
            .ToList();
        try
        {
            var codes = await WaitAllAsync(processes, cancellationToken);
            var interrupted = cancellationToken.IsCancellationRequested || codes.Contains(InterruptedExit);
            var bad = processes.FirstOrDefault(p => codes[p.Index - 1] == BadInputExit);
            if (bad is not null)
            {
                // Its line as the CLI printed it, without the program's own prefix (the parent adds it again).
                const string Prefix = "replicabench: ";
                var line = bad.LastError ?? "no message";
                var reason = (line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line).TrimEnd('.');
                throw new BadInputException($"agent {bad.Index} refused its part: {reason} (log: {plan.LogOf(bad.Index)}).");
            }

            var folders = Enumerable.Range(1, agents).Select(plan.FolderOf).ToList();
            var merged = !interrupted && folders.All(Completed)
                ? RunMerger.MergeShards(folders, plan.OutputDirectory, force: true)
                : null;
            return new AgentsOutcome(plan, codes, merged, interrupted);
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
    }

    // The agents directory belongs to this run (the caller refused an old run without --force).
    private static void Prepare(AgentPlan plan, LoadMatrixSettings settings)
    {
        if (Directory.Exists(plan.AgentsDirectory))
        {
            Directory.Delete(plan.AgentsDirectory, recursive: true);
        }

        Directory.CreateDirectory(plan.AgentsDirectory);
        // Null settings are left out: a run file's null is not "unset" to every binder.
        var runFile = settings.SettingsForResults.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        AtomicFile.WriteAllText(plan.RunFile, JsonSerializer.Serialize<IReadOnlyDictionary<string, object?>>(runFile, SettingsJsonContext.Default.IReadOnlyDictionaryStringObject));
    }

    // An agent that refuses its part (bad input, e.g. its metrics port in use) makes the whole run bad
    // input: the others are stopped at once rather than left to run the matrix for nothing.
    private static async Task<List<int>> WaitAllAsync(IReadOnlyList<AgentProcess> processes, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watches = processes.Select(p => StopOthersIfRefusedAsync(p, stop)).ToList();
        try
        {
            await Task.WhenAll(processes.Select(p => p.WaitAsync(stop.Token)));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await StopAsync(processes);
        }

        await Task.WhenAll(watches);
        return [.. await Task.WhenAll(processes.Select(p => p.WaitAsync(CancellationToken.None)))];
    }

    private static async Task StopOthersIfRefusedAsync(AgentProcess agent, CancellationTokenSource stop)
    {
        try
        {
            if (await agent.WaitAsync(stop.Token) == BadInputExit)
            {
                await stop.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // The run is stopping anyway.
        }
    }

    private static async Task StopAsync(IReadOnlyList<AgentProcess> processes)
    {
        using (var reach = new CancellationTokenSource(SignalReachGrace))
        {
            await WaitQuietlyAsync(processes, reach.Token);
        }

        processes.ToList().ForEach(p => p.Interrupt());
        using (var grace = new CancellationTokenSource(StopGrace))
        {
            await WaitQuietlyAsync(processes, grace.Token);
        }

        processes.ToList().ForEach(p => p.Kill());
    }

    private static async Task WaitQuietlyAsync(IReadOnlyList<AgentProcess> processes, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(processes.Select(p => p.WaitAsync(cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            // Some are still running: the caller goes on to the next step.
        }
    }

    private static bool Completed(string folder)
    {
        var file = Path.Combine(folder, ResultsFile.FileName);
        return File.Exists(file) && ResultsFile.Read(file).Run.Complete;
    }
}
