using System.Globalization;
using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Runs.Agents;

/// <summary>
/// What <c>load --agents N</c> runs: N shard processes of one matrix on this machine, each
/// <c>load --run-file F --shard i/N --start-at T --out DIR/agents/agent-i</c>, all from one run file
/// so that their settings are the same by construction (which is what <c>merge</c> checks).
/// </summary>
/// <param name="Count">The number of agents (shards).</param>
/// <param name="StartAt">The instant every agent plans its cells from.</param>
/// <param name="OutputDirectory">The merged run folder; the agents' own folders are under its <c>agents/</c>.</param>
/// <param name="MetricsPort">With <c>--metrics-port P</c>, agent i serves on P + i − 1.</param>
/// <param name="OtlpEndpoint">Passed to every agent as it is.</param>
public sealed record AgentPlan(int Count, DateTimeOffset StartAt, string OutputDirectory, int? MetricsPort = null, string? OtlpEndpoint = null)
{
    /// <summary>The most agents one machine runs: each is a whole .NET process with its own pools.</summary>
    public const int MaxAgents = 64;

    /// <summary>Where the agents' run folders, logs and shared run file go.</summary>
    public string AgentsDirectory => Path.Combine(OutputDirectory, "agents");

    /// <summary>The settings every agent reads (<c>--run-file</c>): the run's own, as results.json records them.</summary>
    public string RunFile => Path.Combine(AgentsDirectory, "run-settings.json");

    /// <summary>Agent <paramref name="agent"/>'s (1-based) complete run folder.</summary>
    public string FolderOf(int agent) => Path.Combine(AgentsDirectory, string.Create(CultureInfo.InvariantCulture, $"agent-{agent}"));

    /// <summary>Agent <paramref name="agent"/>'s standard output and error.</summary>
    public string LogOf(int agent) => FolderOf(agent) + ".log";

    /// <summary>The <c>--start-at</c> every agent is given: whole milliseconds in UTC with a Z.</summary>
    public string StartAtText => StartAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Agent <paramref name="agent"/>'s command line after the program: a <c>load</c> of its shard.</summary>
    public IReadOnlyList<string> ArgumentsOf(int agent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(agent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(agent, Count);
        List<string> arguments =
        [
            "load", "--run-file", RunFile,
            "--shard", new ShardSpec(agent, Count, StartAt).Text, "--start-at", StartAtText,
            "--out", FolderOf(agent), "--force",
        ];
        if (MetricsPort is { } port)
        {
            arguments.AddRange(["--metrics-port", (port + agent - 1).ToString(CultureInfo.InvariantCulture)]);
        }

        if (OtlpEndpoint is { } endpoint)
        {
            arguments.AddRange(["--otlp-endpoint", endpoint]);
        }

        return arguments;
    }

    /// <summary>
    /// The start instant for agents launched at <paramref name="now"/>: late enough for N processes to
    /// start, connect and create their virtual users before it (measured here: about a second per
    /// process on 2 busy cores), rounded up to a whole second so the per-second series line up on it.
    /// The seed is already in place (<see cref="LocalAgents"/> seeds first), so it takes no lead.
    /// </summary>
    public static DateTimeOffset ChooseStartAt(DateTimeOffset now, int count)
    {
        var earliest = now + LeadTime(count);
        var wholeSeconds = (earliest.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond;
        return new DateTimeOffset(wholeSeconds, TimeSpan.Zero);
    }

    /// <summary>The time from launching <paramref name="count"/> agents to their common start.</summary>
    public static TimeSpan LeadTime(int count) => TimeSpan.FromSeconds(4 + count);

    /// <summary>Checks <c>--agents</c>: 1 to <see cref="MaxAgents"/>, one line otherwise.</summary>
    public static int CheckCount(int agents) => agents is >= 1 and <= MaxAgents
        ? agents
        : throw new BadInputException(string.Create(
            CultureInfo.InvariantCulture,
            $"--agents {agents} is not a number of agents: give 1 to {MaxAgents} load processes for this machine, e.g. --agents 2."));
}
