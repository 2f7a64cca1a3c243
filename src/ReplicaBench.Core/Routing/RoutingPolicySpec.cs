using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Routing.Policies;

namespace ReplicaBench.Routing;

/// <summary>
/// A routing policy as the user writes it (<c>round-robin</c>, <c>bounded-staleness:100ms</c>):
/// parsed once, compared by value, and turned into the <see cref="IRoutingPolicy"/> that decides.
/// </summary>
public sealed record RoutingPolicySpec
{
    /// <summary>The forms <see cref="Parse"/> accepts, as printed in error messages and help text.</summary>
    public const string ValidForms =
        "primary-only, round-robin, session-round-robin, least-lag, bounded-staleness:<duration> (e.g. bounded-staleness:100ms), read-your-writes, npgsql-prefer-standby";

    private const string BoundedStalenessPrefix = "bounded-staleness:";

    private static readonly (string Name, RoutingPolicyKind Kind)[] PlainNames =
    [
        ("primary-only", RoutingPolicyKind.PrimaryOnly),
        ("round-robin", RoutingPolicyKind.RoundRobin),
        ("session-round-robin", RoutingPolicyKind.SessionRoundRobin),
        ("least-lag", RoutingPolicyKind.LeastLag),
        ("read-your-writes", RoutingPolicyKind.ReadYourWrites),
        ("npgsql-prefer-standby", RoutingPolicyKind.NpgsqlPreferStandby),
    ];

    private RoutingPolicySpec(RoutingPolicyKind kind, TimeSpan? stalenessBound, string name)
    {
        Kind = kind;
        StalenessBound = stalenessBound;
        Name = name;
    }

    public static RoutingPolicySpec PrimaryOnly { get; } = new(RoutingPolicyKind.PrimaryOnly, null, "primary-only");

    public static RoutingPolicySpec RoundRobin { get; } = new(RoutingPolicyKind.RoundRobin, null, "round-robin");

    public static RoutingPolicySpec SessionRoundRobin { get; } = new(RoutingPolicyKind.SessionRoundRobin, null, "session-round-robin");

    public static RoutingPolicySpec LeastLag { get; } = new(RoutingPolicyKind.LeastLag, null, "least-lag");

    public static RoutingPolicySpec ReadYourWrites { get; } = new(RoutingPolicyKind.ReadYourWrites, null, "read-your-writes");

    public static RoutingPolicySpec NpgsqlPreferStandby { get; } = new(RoutingPolicyKind.NpgsqlPreferStandby, null, "npgsql-prefer-standby");

    public RoutingPolicyKind Kind { get; }

    /// <summary>For <see cref="RoutingPolicyKind.BoundedStaleness"/>, the most staleness a replica read may have; otherwise null.</summary>
    public TimeSpan? StalenessBound { get; }

    /// <summary>The canonical text (<c>bounded-staleness:100ms</c>): what results and reports show, and what <see cref="Parse"/> reads back.</summary>
    public string Name { get; }

    /// <summary>True for every policy that may send reads to a replica (all but <c>primary-only</c>).</summary>
    public bool ReadsFromReplicas => Kind != RoutingPolicyKind.PrimaryOnly;

    /// <summary>True when the policy needs sampled replica lag on the <see cref="NodeStateBoard"/> to use a replica.</summary>
    public bool NeedsLagSamples => Kind is RoutingPolicyKind.LeastLag or RoutingPolicyKind.BoundedStaleness;

    /// <summary>
    /// True when a decision holds only at the moment it is made: a staleness bound is a promise
    /// about the read's snapshot, and every millisecond between the decision and the query counts
    /// against it. Such a decision is taken again after a wait for a connection to open.
    /// </summary>
    public bool DecisionsAge => Kind == RoutingPolicyKind.BoundedStaleness;

    /// <summary>Staleness-bounded reads: a replica whose sampled lag is at or above <paramref name="bound"/> is not used.</summary>
    public static RoutingPolicySpec BoundedStaleness(TimeSpan bound)
    {
        if (bound.Ticks < TimeSpan.TicksPerMicrosecond)
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "the staleness bound must be at least 1us");
        }

        return new(RoutingPolicyKind.BoundedStaleness, bound, BoundedStalenessPrefix + DurationParser.Format(bound));
    }

    /// <summary>
    /// Parses one policy. Names are case-insensitive; surrounding spaces are ignored. Anything else
    /// throws a <see cref="BadInputException"/> that names the option, the bad text and every valid form.
    /// </summary>
    public static RoutingPolicySpec Parse(string text, string optionName = "--policy")
    {
        var trimmed = text?.Trim() ?? string.Empty;
        foreach (var (name, kind) in PlainNames)
        {
            if (string.Equals(trimmed, name, StringComparison.OrdinalIgnoreCase))
            {
                return FromKind(kind);
            }
        }

        if (trimmed.StartsWith(BoundedStalenessPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return ParseBoundedStaleness(trimmed, trimmed[BoundedStalenessPrefix.Length..], optionName);
        }

        if (string.Equals(trimmed, "bounded-staleness", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadInputException(
                $"{optionName}: 'bounded-staleness' needs a bound, e.g. bounded-staleness:100ms; valid policies: {ValidForms}.");
        }

        throw new BadInputException(
            $"{optionName}: unknown routing policy '{trimmed}'; valid policies: {ValidForms}.");
    }

    /// <summary>
    /// Parses a comma-separated list (<c>primary-only,round-robin,bounded-staleness:50ms</c>), in the
    /// order given. Empty entries and a policy listed twice are refused: both are typing mistakes.
    /// </summary>
    public static IReadOnlyList<RoutingPolicySpec> ParseList(string text, string optionName = "--policy")
    {
        var entries = (text ?? string.Empty).Split(',');
        var specs = new List<RoutingPolicySpec>(entries.Length);
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                throw new BadInputException(
                    $"{optionName}: '{text}' has an empty entry; write policies separated by commas, e.g. primary-only,round-robin; valid policies: {ValidForms}.");
            }

            var spec = Parse(entry, optionName);
            if (specs.Contains(spec))
            {
                throw new BadInputException(
                    $"{optionName}: '{spec.Name}' is listed twice in '{text}'; list each policy once.");
            }

            specs.Add(spec);
        }

        return specs;
    }

    /// <summary>Creates the policy that makes the decisions (a fresh one per router: round-robin state is per instance).</summary>
    /// <param name="timeProvider">The clock that ages lag samples; it must be the clock that stamped them (the system clock in production).</param>
    public IRoutingPolicy CreatePolicy(TimeProvider? timeProvider = null) => Kind switch
    {
        RoutingPolicyKind.PrimaryOnly => new PrimaryOnlyPolicy(),
        RoutingPolicyKind.RoundRobin => new RoundRobinPolicy(),
        RoutingPolicyKind.SessionRoundRobin => new SessionRoundRobinPolicy(),
        RoutingPolicyKind.LeastLag => new LeastLagPolicy(timeProvider ?? TimeProvider.System),
        RoutingPolicyKind.BoundedStaleness => new BoundedStalenessPolicy(StalenessBound!.Value, timeProvider ?? TimeProvider.System),
        RoutingPolicyKind.ReadYourWrites => new ReadYourWritesPolicy(),
        RoutingPolicyKind.NpgsqlPreferStandby => new NpgsqlPreferStandbyPolicy(),
        _ => throw new InvalidOperationException($"no policy for {Kind}"),
    };

    public override string ToString() => Name;

    private static RoutingPolicySpec FromKind(RoutingPolicyKind kind) => kind switch
    {
        RoutingPolicyKind.PrimaryOnly => PrimaryOnly,
        RoutingPolicyKind.RoundRobin => RoundRobin,
        RoutingPolicyKind.SessionRoundRobin => SessionRoundRobin,
        RoutingPolicyKind.LeastLag => LeastLag,
        RoutingPolicyKind.ReadYourWrites => ReadYourWrites,
        RoutingPolicyKind.NpgsqlPreferStandby => NpgsqlPreferStandby,
        _ => throw new InvalidOperationException($"{kind} takes a parameter"),
    };

    private static RoutingPolicySpec ParseBoundedStaleness(string text, string boundText, string optionName)
    {
        if (!DurationParser.TryParse(boundText, out var bound))
        {
            throw new BadInputException(
                $"{optionName}: '{text}' has no valid bound: '{boundText}' is not a duration; write a positive duration with a unit, e.g. bounded-staleness:100ms; valid policies: {ValidForms}.");
        }

        if (bound.Ticks < TimeSpan.TicksPerMicrosecond)
        {
            throw new BadInputException(
                string.Create(CultureInfo.InvariantCulture, $"{optionName}: '{text}' has a bound of zero; a replica is never that fresh, so give a positive bound of at least 1us, e.g. bounded-staleness:100ms (use primary-only to read only from the primary)."));
        }

        return BoundedStaleness(bound);
    }
}
