using ReplicaBench.Configuration;
using ReplicaBench.Engine.Thresholds;

namespace ReplicaBench.Engine;

/// <summary>
/// A load test that reads like a sentence: a name, how to create each virtual user, the
/// operations and nodes it reports, a load shape, warm-up, duration and thresholds. Immutable:
/// every <c>With...</c> returns a new scenario, so a base scenario can be varied per matrix cell.
/// </summary>
/// <example>
/// <code>
/// var scenario = LoadScenario.Create("read-heavy", PointReadUser.CreateAsync)
///     .WithOperations(new("point-read", OperationKind.Read), new("insert", OperationKind.Write))
///     .WithNodes(topology.NodeDefinitions())
///     .WithLoad(LoadShape.Open(RateProfile.Constant(5000), virtualUsers: 64))
///     .WithWarmUp(TimeSpan.FromSeconds(5))
///     .WithDuration(TimeSpan.FromSeconds(30))
///     .WithThresholds("p99&lt;5ms", "errors&lt;0.1%");
/// LoadRunResult result = await LoadRunner.RunAsync(scenario, options, cancellationToken);
/// </code>
/// </example>
public sealed record LoadScenario
{
    /// <summary>The measured duration unless set: long enough for stable percentiles on a laptop.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);

    /// <summary>How long in-flight operations may take to finish after the end, unless set.</summary>
    public static readonly TimeSpan DefaultGracefulStop = TimeSpan.FromSeconds(5);

    /// <summary>The longest run the engine accepts (a sanity bound on typos such as 30h).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);

    private LoadScenario(string name, VirtualUserFactory factory)
    {
        Name = name;
        Factory = factory;
        Operations = [new OperationDefinition(name, OperationKind.Read)];
    }

    public string Name { get; }

    public VirtualUserFactory Factory { get; }

    /// <summary>The operation types outcomes report; by default one read named after the scenario.</summary>
    public IReadOnlyList<OperationDefinition> Operations { get; private init; }

    /// <summary>The nodes outcomes may name, in topology order; empty when the scenario does not route.</summary>
    public IReadOnlyList<NodeDefinition> Nodes { get; private init; } = [];

    /// <value>Closed, 1 virtual user.</value>
    public LoadShape Load { get; private init; } = LoadShape.Closed(1);

    /// <value>None.</value>
    public TimeSpan WarmUp { get; private init; }

    /// <value><see cref="DefaultDuration"/>.</value>
    public TimeSpan Duration { get; private init; } = DefaultDuration;

    /// <value><see cref="DefaultGracefulStop"/>.</value>
    public TimeSpan GracefulStop { get; private init; } = DefaultGracefulStop;

    public IReadOnlyList<Threshold> Thresholds { get; private init; } = [];

    /// <summary>Starts a scenario; <paramref name="factory"/> creates each virtual user before the run.</summary>
    public static LoadScenario Create(string name, VirtualUserFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        CheckName(name, "scenario");
        return new LoadScenario(name, factory);
    }

    public LoadScenario WithOperations(params OperationDefinition[] operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        return this with { Operations = [.. operations] };
    }

    public LoadScenario WithNodes(IEnumerable<NodeDefinition> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return this with { Nodes = [.. nodes] };
    }

    public LoadScenario WithLoad(LoadShape load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return this with { Load = load };
    }

    /// <summary>Operations run but are not counted for this long before the measured duration.</summary>
    public LoadScenario WithWarmUp(TimeSpan warmUp) => this with { WarmUp = warmUp };

    /// <summary>Mixed into every virtual user's <see cref="VirtualUserContext.Seed"/> (<c>--random-seed</c>): another seed, another reproducible run.</summary>
    public int RandomSeed { get; private init; }

    public LoadScenario WithRandomSeed(int seed) => this with { RandomSeed = seed };

    public LoadScenario WithDuration(TimeSpan duration) => this with { Duration = duration };

    public LoadScenario WithGracefulStop(TimeSpan gracefulStop) => this with { GracefulStop = gracefulStop };

    /// <summary>Parses and adds thresholds (see <see cref="Threshold"/> for the grammar).</summary>
    public LoadScenario WithThresholds(params string[] thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return this with { Thresholds = [.. Thresholds, .. Threshold.ParseAll(thresholds)] };
    }

    public LoadScenario WithThresholds(IEnumerable<Threshold> thresholds) => this with { Thresholds = [.. Thresholds, .. thresholds] };

    /// <summary>
    /// Names appear in threshold scopes (<c>op@node.p99</c>) and interval-log tags, so they are
    /// restricted to letters, digits, <c>-</c> and <c>_</c>.
    /// </summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Throws <see cref="BadInputException"/> for anything that would make the run meaningless.</summary>
    public void Validate()
    {
        if (Operations.Count == 0)
        {
            throw new BadInputException($"scenario '{Name}' declares no operations; declare at least one, e.g. point-read.");
        }

        foreach (var operation in Operations)
        {
            CheckName(operation.Name, "operation");
        }

        foreach (var node in Nodes)
        {
            CheckName(node.Name, "node");
        }

        CheckUnique(Operations.Select(o => o.Name), "operation");
        CheckUnique(Nodes.Select(n => n.Name), "node");
        if (Duration <= TimeSpan.Zero || Duration > MaxDuration)
        {
            throw new BadInputException(
                $"--duration {DurationParser.Format(Duration)} is out of range; give a positive duration up to 24h, e.g. 30s.");
        }

        if (WarmUp < TimeSpan.Zero || WarmUp > MaxDuration)
        {
            throw new BadInputException($"--warmup {WarmUp} is out of range; give 0 or a positive duration, e.g. 5s.");
        }

        if (GracefulStop < TimeSpan.Zero)
        {
            throw new BadInputException($"graceful stop {GracefulStop} is negative; give 0 or a positive duration, e.g. 5s.");
        }

        Load.Validate(Duration);
        foreach (var threshold in Thresholds)
        {
            ValidateThreshold(threshold);
        }
    }

    private void ValidateThreshold(Threshold threshold)
    {
        if (threshold.Metric is ThresholdMetric.Late or ThresholdMetric.Dropped && Load is not OpenLoad)
        {
            throw new BadInputException(
                $"threshold '{threshold.Text}' applies to open-model runs; use it with --rate, or drop it.");
        }

        if (threshold.Scope is null)
        {
            return;
        }

        var parts = threshold.Scope.Split('@');
        var known = parts.Length == 2
            ? Operations.Any(o => o.Name == parts[0]) && Nodes.Any(n => n.Name == parts[1])
            : Operations.Any(o => o.Name == parts[0]) || Nodes.Any(n => n.Name == parts[0]);
        if (!known)
        {
            var names = string.Join(", ", Operations.Select(o => o.Name).Concat(Nodes.Select(n => n.Name)));
            throw new BadInputException(
                $"threshold '{threshold.Text}': scenario '{Name}' has no operation or node '{threshold.Scope}'; scope with one of: {names}.");
        }
    }

    private static void CheckName(string name, string what)
    {
        if (!IsValidName(name))
        {
            throw new BadInputException(
                $"{what} name '{name}' may only contain letters, digits, '-' and '_'; rename it, e.g. point-read.");
        }
    }

    private static void CheckUnique(IEnumerable<string> names, string what)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BadInputException($"{what} '{duplicate.Key}' is declared twice; give each {what} a distinct name.");
        }
    }
}
