using System.CommandLine;
using Microsoft.Extensions.Configuration;
using ReplicaBench.Cli.Load;
using ReplicaBench.Configuration;
using ReplicaBench.LoadTests;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Agents;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench load</c>: runs a scenario across topologies × policies and writes DIR/results.json
/// (updated after every cell). Exit 0, 1 on a threshold breach or, with <c>--rate</c>, dropped
/// arrivals no <c>dropped</c> threshold allowed (each listed), 2 bad input (nothing
/// started), 130 interrupted (results.json holds what ran, <c>complete=false</c>). The command line
/// is one layer of settings over <c>REPLICABENCH_LOAD_*</c> variables; the library binds and checks
/// them (<see cref="LoadMatrixSettingsFactory"/>).
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var defaults = new LoadSettings();
        var scenario = new Option<string?>("--scenario")
        {
            Description = "Scenario: " + string.Join("; ", Scenarios.All.Select(s => $"{s.Name} = {s.Description}")) + ". Give this or --mix.",
            HelpName = "NAME",
        };
        var mix = new Option<string?>("--mix")
        {
            Description = "Your own mix instead of --scenario: whole percentages per operation (point-read, range-read, insert, update; left out = 0) adding up to 100, e.g. point-read=90,update=10. Recorded as scenario 'custom' with its mix.",
            HelpName = "OP=PCT[,OP=PCT...]",
        };
        var script = new Option<string[]>("--script")
        {
            Description = "Your own queries instead of --scenario/--mix: a script in pgbench's custom-script syntax (SQL ending in ';', \\set, \\sleep, \\if/\\elif/\\else/\\endif, \\gset), repeatable, "
                + "with a weight as pgbench -f file@w. Each script is one operation type named after its file; one whose statements all read goes where the policy sends reads (override with a '-- replicabench: read' or 'write' line), "
                + "anything else runs on the primary. See docs/scripts.md.",
            HelpName = "FILE[@WEIGHT]",
        };
        var define = new Option<string[]>("--define")
        {
            Description = "A script variable every client starts with, repeatable, as pgbench -D: e.g. --define scale=10 (without it :scale is the row count of pgbench_branches, else 1).",
            HelpName = "NAME=VALUE",
        };
        var noSeed = new Option<bool>("--no-seed")
        {
            Description = "Use the schema and data that are there (with --script): the suite's own table is neither created nor touched; staleness comes from the visibility probe and the servers' lag.",
        };
        var runFile = new Option<string?>("--run-file")
        {
            Description = "Every load setting from a JSON file with the keys and value shapes of results.json's run.settings (so a run's own run.settings repeats it); variables and flags override it. Unknown keys are refused.",
            HelpName = "FILE",
        };
        var replicas = new Option<string?>("--replicas")
        {
            Description = $"Replica counts to provision, comma-separated (0 to 8), e.g. 0,1,2 (default {string.Join(',', LoadSettings.DefaultReplicas)}). With --state-dir: omit, or give the count that is up.",
            HelpName = "N[,N...]",
        };
        var policy = new Option<string?>("--policy")
        {
            Description = $"Routing policies, comma-separated (default {string.Join(',', LoadSettings.DefaultPolicies)}): {RoutingPolicySpec.ValidForms}.",
            HelpName = "POLICY[,POLICY...]",
        };
        var vus = new Option<int?>("--vus") { Description = $"Closed model: N virtual users, each one operation in flight (default {LoadSettings.DefaultVirtualUsers}).", HelpName = "N" };
        var rate = new Option<double?>("--rate") { Description = "Open model: target operations per second (latency from the scheduled start; scheduled, started and dropped arrivals and schedule lag counted; any dropped arrival exits 1 unless a dropped threshold allows it, e.g. --threshold 'dropped<1%').", HelpName = "OPS" };
        var arrivals = new Option<string?>("--arrivals") { Description = "Open model arrivals: poisson (default) or even.", HelpName = "poisson|even" };
        var maxVus = new Option<int?>("--max-vus") { Description = "Open model: the pool of virtual users serving arrivals (default: 1% of the rate, 8 to 256).", HelpName = "N" };
        var duration = new Option<string>("--duration") { Description = $"Measured time per cell (default {LoadShapeSettings.DefaultDuration}, or with --stages their total).", HelpName = "DURATION" };
        var stages = new Option<string[]>("--stages")
        {
            Description = "k6-style stages, e.g. --stages 30s:10,1m:10,30s:0: without --rate the active virtual users move linearly to each stage's target from --vus (default 1); with --rate START the arrival rate does. The measured duration is their total unless --duration is given.",
            HelpName = "DURATION:RATE[,...]",
        };
        var think = new Option<string?>("--think") { Description = "Closed model: each virtual user's pause between operations, e.g. 5ms, or 5ms..20ms drawn uniformly.", HelpName = "PAUSE" };
        var randomSeed = new Option<int?>("--random-seed") { Description = "Seed of every virtual user's random choices (keys, scripts, think times) and of the open model's arrivals: the same seed, the same choices.", HelpName = "N" };
        var warmUp = new Option<string>("--warmup") { Description = $"Warm-up per cell, run and not counted (default {defaults.Warmup}).", HelpName = "DURATION" };
        var generatorWarmUp = new Option<string>("--generator-warmup")
        {
            Description = $"Extra warm-up of the run's first cell, which also warms the load generator (JIT, thread pool) (default {defaults.GeneratorWarmup}); 0s turns it off when throughput is not the figure.",
            HelpName = "DURATION",
        };
        var opTimeout = new Option<string>("--op-timeout")
        {
            Description = $"How long one operation, opening its connection included, may take before it ends as a 'timeout' error counted on its node (default {DurationParser.Format(LoadMatrixSettings.DefaultOperationTimeout)}; long-reads: the read plus that): "
                + "a frozen or silent node stalls no virtual user for longer, while the replica monitor takes it out of rotation within 1 s. Give more than the longest operation the scenario runs (a script's \\sleep or slow query).",
            HelpName = "DURATION",
        };
        var longRead = new Option<string?>("--long-read")
        {
            Description = "With --scenario long-reads: how long each read holds its snapshot on the replica (default 5s); --op-timeout is raised to the read plus 5s unless given, and must exceed it. See docs/limits.md.",
            HelpName = "DURATION",
        };
        var hotStandbyFeedback = new Option<string?>("--hot-standby-feedback")
        {
            Description = "Run each cell once per value of the replicas' hot_standby_feedback, e.g. off,on for the trade-off side by side (cells <id>-hsf-off, <id>-hsf-on): set by ALTER SYSTEM and a reload before each cell, put back as the topology had it after the run. Local and containers topologies.",
            HelpName = "off|on[,...]",
        };
        var applyDelay = new Option<string[]>("--apply-delay")
        {
            Description = "Replica apply delay for provisioned topologies: '100ms' for all, 'replica2=100ms' for one.",
            HelpName = "DELAY|NAME=DELAY",
        };
        var nodeCpus = CommonOptions.NodeCpus();
        nodeCpus.Description = "For the topologies the run provisions: " + nodeCpus.Description;
        var nodeMemory = CommonOptions.NodeMemory();
        nodeMemory.Description = "For the topologies the run provisions: " + nodeMemory.Description;
        var threshold = new Option<string[]>("--threshold")
        {
            Description = "Pass/fail check per cell, repeatable: e.g. p99<5ms, errors<0.1%, stale-reads<1%, point-read@replica1.p95<2ms, dropped<1% (open model). A breach exits 1.",
            HelpName = "EXPR",
        };
        var fault = new Option<string[]>("--fault")
        {
            Description = "Faults injected into every cell, KIND[:NODE]@TIME, comma-separated or repeated; TIME counts from the end of the warm-up; NODE is a replica (default replica1). "
                + "Kinds: replica-kill, replica-restart, replay-pause, replay-resume, replica-freeze (SIGSTOP to all its processes: the port stays open, nothing answers; --op-timeout ends what waits on it), replica-thaw, failover. "
                + "E.g. replica-kill@20s,replica-restart@40s, replica-freeze@10s,replica-thaw@25s or failover:replica2@30s. Local or containers topologies only.",
            HelpName = "KIND[:NODE]@TIME",
        };
        var repeat = new Option<int?>("--repeat")
        {
            Description = $"Measure each cell N times (policies alternate: A B A B); repeat k > 1 is cell <id>#k. compare then measures the run-to-run variance instead of assuming it (default {defaults.Repeat}).",
            HelpName = "N",
        };
        var seedRows = new Option<long?>("--seed-rows") { Description = $"Rows seeded once per topology (default {defaults.SeedRows}).", HelpName = "N" };
        var visibilityProbe = new Option<string>("--visibility-probe")
        {
            Description = $"Per cell with replicas, measure write-to-visible delay per replica with one marker write per SPACING (t-visibility in the report), or 'off' (default {defaults.VisibilityProbe}).",
            HelpName = "SPACING|off",
        };
        var output = new Option<string>("--out") { Description = "Run folder for results.json and cells/ (required).", HelpName = "DIR" };
        var force = new Option<bool>("--force") { Description = "Replace a previous run in --out." };
        var check = new Option<bool>("--check")
        {
            Description = "Check the arguments (and the --state-dir topology) and exit: nothing runs, --out is left as it is. Exit 0 valid, 2 not.",
        };
        var stateDir = new Option<string?>("--state-dir")
        {
            Description = "Run on the topology already up in this state dir (left running) instead of provisioning.",
            HelpName = "DIR",
        };

        var shard = new Option<string?>("--shard")
        {
            Description = "Run shard i of N of the matrix: 1/N of the virtual users or of the arrivals (the shares add up exactly), on the same cells in the same order; needs --start-at. Only shard 1 seeds and probes.",
            HelpName = "i/N",
        };
        var startAt = new Option<string?>("--start-at")
        {
            Description = "With --shard: the UTC instant (ISO 8601 with Z, e.g. 2026-12-06T10:00:00Z) every shard plans its cells from, so all shards start each cell together.",
            HelpName = "TIME",
        };
        var agents = new Option<int?>("--agents")
        {
            Description = "Run the matrix as N shard processes on this machine (load --shard i/N each, with a --start-at chosen 4+N s ahead, rounded up to a second) and merge them into --out; each agent's folder and log is kept under DIR/agents/. Needs --state-dir. See docs/sharding.md.",
            HelpName = "N",
        };
        var metricsPort = new Option<int?>("--metrics-port")
        {
            Description = "Serve live metrics (replicabench_* and Npgsql's) for Prometheus to scrape at http://HOST:P/metrics, on every interface, while the run lasts.",
            HelpName = "P",
        };
        var otlpEndpoint = new Option<string?>("--otlp-endpoint")
        {
            Description = "Push live metrics and Npgsql's traces over OTLP/gRPC to this collector, e.g. http://localhost:4317 (a collector that does not answer is a warning, not an error).",
            HelpName = "URL",
        };

        var command = new Command("load", $"Run a load scenario across topologies (replica counts) and routing policies; write DIR/results.json. Any option can also come from a variable, e.g. {LoadSettings.EnvironmentPrefix}VUS=16; an option given wins.")
        {
            runFile, scenario, mix, script, define, noSeed, replicas, policy, vus, rate, arrivals, maxVus, stages, think, randomSeed, duration, warmUp, generatorWarmUp, opTimeout, longRead, hotStandbyFeedback, applyDelay, nodeCpus, nodeMemory, threshold, fault, repeat, seedRows, visibilityProbe, output, force, check, stateDir, shard, startAt, agents, metricsPort, otlpEndpoint,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            // Lowest first: the run file under review, then variables (e.g. a CI job's), then the command line.
            var builder = new ConfigurationBuilder();
            if (parse.GetValue(runFile) is { } file)
            {
                builder.Add(new SettingsFile(file, LoadSettings.RunFileKind));
            }

            var configuration = builder
                .Add(new EnvironmentSettings(LoadSettings.EnvironmentPrefix))
                .Add(CommandLineSettings.From(parse, [
                    (scenario, "scenario"), (mix, "mix"), (script, "scripts"), (define, "defines"), (noSeed, "noSeed"), (replicas, "replicas"), (policy, "policies"), (vus, "vus"), (rate, "rate"),
                    (arrivals, "arrivals"), (maxVus, "maxVus"), (stages, "stages"), (think, "think"), (randomSeed, "randomSeed"), (duration, "duration"), (warmUp, "warmup"), (generatorWarmUp, "generatorWarmup"), (opTimeout, "opTimeout"), (longRead, "longRead"), (hotStandbyFeedback, "hotStandbyFeedback"), (applyDelay, "applyDelay"),
                    (nodeCpus, "nodeCpus"), (nodeMemory, "nodeMemory"),
                    (threshold, "thresholds"), (fault, "faults"), (repeat, "repeat"), (seedRows, "seedRows"), (visibilityProbe, "visibilityProbe"),
                    (output, "out"), (force, "force"), (stateDir, "stateDir"), (shard, "shard"), (startAt, "startAt"),
                ]))
                .Build();
            var settings = LoadMatrixSettingsFactory.FromConfiguration(configuration, Scenarios.Resolve);
            var agentCount = parse.GetValue(agents);
            if (agentCount is { } count)
            {
                AgentRunCheck.Check(settings, count);
            }

            // Before anything starts: a run the servers cannot take is refused, not half timed out.
            await ConnectionPreflight.CheckAsync(settings, cancellationToken);
            if (parse.GetValue(check))
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"load: the arguments are valid: {MatrixProgressText.Plan(settings)}{(agentCount is { } n ? $", as {n} agent(s)" : "")}");
                return ExitCodes.Success;
            }

            if (agentCount is { } agentsToRun)
            {
                // Each agent serves its own metrics endpoint (port P + i - 1) and pushes its own OTLP.
                RunFolder.ClearPreviousRun(settings.OutputDirectory);
                return await AgentsRun.RunAsync(
                    settings, agentsToRun, parse.GetValue(metricsPort), parse.GetValue(otlpEndpoint), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
            }

            // Started before the run folder is touched: a port in use is bad input that changes nothing.
            await using var export = await LiveMetricsExport.StartAsync(parse.GetValue(metricsPort), parse.GetValue(otlpEndpoint), parse.InvocationConfiguration.Error, cancellationToken);
            RunFolder.ClearPreviousRun(settings.OutputDirectory);
            return await RunAsync(settings, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(LoadMatrixSettings settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        LoadMatrixOutcome outcome;
        if (!Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
        {
            var live = new LiveMatrixProgress(MatrixTimeline.For(settings, TimeProvider.System));
            outcome = await live.RunAsync(() => LoadMatrixRunner.RunAsync(settings, live, TimeProvider.System, cancellationToken));
        }
        else
        {
            outcome = await LoadMatrixRunner.RunAsync(settings, new PlainMatrixProgress(output), TimeProvider.System, cancellationToken);
        }

        foreach (var cell in outcome.Cells)
        {
            await output.WriteLineAsync(MatrixProgressText.Summary(cell));
        }

        await output.WriteLineAsync($"results: {outcome.ResultsFile}");
        if (!outcome.Complete)
        {
            await errors.WriteLineAsync($"replicabench: load interrupted; {outcome.ResultsFile} holds the {outcome.Cells.Count} cell(s) that ran (complete=false).");
            return ExitCodes.Cancelled;
        }

        if (outcome.Failed)
        {
            foreach (var (cellId, drops) in outcome.UnallowedDrops)
            {
                await errors.WriteLineAsync($"replicabench: {drops.Describe(cellId)}");
            }

            foreach (var (cellId, breached) in outcome.Breached)
            {
                await errors.WriteLineAsync($"replicabench: threshold breached in {cellId}: {breached.Message}");
            }

            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }
}
