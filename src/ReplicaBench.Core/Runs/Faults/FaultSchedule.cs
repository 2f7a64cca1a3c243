using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs.Faults;

/// <summary>
/// The faults injected into each cell of a load run, as <c>--fault</c> spells them:
/// <c>KIND[:NODE]@TIME</c>, comma-separated (or repeated), e.g.
/// <c>replica-kill@20s,replica-restart@40s</c>, <c>failover:replica2@30s</c>,
/// <c>replay-pause@10s,replay-resume@25s</c>, <c>replica-freeze@5s,replica-thaw@20s</c>. NODE is a replica, <c>replica1</c> by default (for a
/// failover: the replica to promote). TIME counts from the start of the measured window — the end
/// of the warm-up — the axis of the results' time series and charts, so a fault at 20s is drawn at 20.
/// </summary>
/// <remarks>
/// Everything a user can get wrong is found before anything starts: <see cref="Parse"/> checks the
/// spelling, <see cref="Validate"/> the times against the duration and the nodes and the order of
/// events against a topology (a restart needs a kill before it, a resume a pause, a thaw a freeze, at
/// most one failover, none while a replica is frozen, never to a killed or paused replica, and nothing on the promoted replica or on one that
/// was down at the failover afterwards). Faults at the same time run in the order written.
/// </remarks>
public sealed class FaultSchedule
{
    /// <summary>The replica a fault acts on when the spec names none.</summary>
    public const string DefaultNode = "replica1";

    private const string Example = "e.g. --fault replica-kill@20s,replica-restart@40s";

    private FaultSchedule(IReadOnlyList<ScheduledFault> faults)
    {
        Faults = faults;
    }

    /// <summary>No faults: a normal load run.</summary>
    public static FaultSchedule None { get; } = new([]);

    /// <summary>The faults in the order they run (by time; as written when at the same time).</summary>
    public IReadOnlyList<ScheduledFault> Faults { get; }

    public bool IsEmpty => Faults.Count == 0;

    /// <summary>True when the schedule fails over: the topology is changed for good by the cell.</summary>
    public bool HasFailover => Faults.Any(f => f.Kind == FaultKind.Failover);

    /// <summary>Parses every <c>--fault</c> value (each may list several faults, comma-separated).</summary>
    /// <exception cref="BadInputException">An entry is not <c>KIND[:NODE]@TIME</c>: one line naming it and the fix.</exception>
    public static FaultSchedule Parse(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var faults = new List<ScheduledFault>();
        foreach (var value in values)
        {
            foreach (var entry in value.Split(',', StringSplitOptions.TrimEntries))
            {
                faults.Add(ParseOne(value, entry));
            }
        }

        // OrderBy is stable: faults at the same time keep the order written.
        return new FaultSchedule([.. faults.OrderBy(f => f.At)]);
    }

    /// <summary>
    /// Checks the schedule against one cell: every time inside the measured window, every node a
    /// replica of a <paramref name="replicas"/>-replica topology, and the events in an order that
    /// can happen.
    /// </summary>
    /// <exception cref="BadInputException">The first problem, in one line with its fix.</exception>
    public void Validate(TimeSpan duration, int replicas)
    {
        var states = new Dictionary<string, ReplicaState>(StringComparer.Ordinal);
        foreach (var fault in Faults)
        {
            if (fault.At <= TimeSpan.Zero || fault.At >= duration)
            {
                throw new BadInputException(
                    $"--fault '{fault}': {DurationParser.Format(fault.At)} is outside the measured window (times count from the end of the warm-up; --duration {DurationParser.Format(duration)}); give a time after 0s and before {DurationParser.Format(duration)}.");
            }

            ValidateNode(fault, replicas);
            states.TryGetValue(fault.Node, out var state);
            if (fault.Kind == FaultKind.Failover)
            {
                FailOver(fault, state, states);
                continue;
            }

            var (allowed, next) = Transition(fault.Kind);
            Expect(fault, state, allowed);
            states[fault.Node] = next;
        }
    }

    /// <summary>The canonical spelling of every fault, comma-separated (as results.json records it).</summary>
    public override string ToString() => string.Join(',', Faults);

    private static ScheduledFault ParseOne(string value, string entry)
    {
        if (entry.Length == 0)
        {
            throw new BadInputException($"--fault '{value}' has an empty entry; write faults as KIND[:NODE]@TIME separated by commas, {Example}.");
        }

        var at = entry.LastIndexOf('@');
        if (at < 0)
        {
            throw new BadInputException($"--fault '{entry}' has no time; write KIND[:NODE]@TIME, {Example}.");
        }

        var what = entry[..at];
        var colon = what.IndexOf(':', StringComparison.Ordinal);
        var kindText = colon < 0 ? what : what[..colon];
        var node = colon < 0 ? DefaultNode : what[(colon + 1)..];
        if (!FaultKinds.TryParse(kindText, out var kind))
        {
            throw new BadInputException($"--fault '{entry}': '{kindText}' is not a fault; use one of: {FaultKinds.ValidNames}.");
        }

        if (node.Length == 0)
        {
            throw new BadInputException($"--fault '{entry}' names no node after ':'; write e.g. {kindText}:replica2@20s, or leave ':' out for {DefaultNode}.");
        }

        var time = DurationParser.Parse(entry[(at + 1)..], $"--fault '{entry}'");
        return new ScheduledFault(kind, node, time);
    }

    private static void ValidateNode(ScheduledFault fault, int replicas)
    {
        if (replicas == 0)
        {
            var what = fault.Kind == FaultKind.Failover ? "a failover promotes a replica" : "it acts on a replica";
            throw new BadInputException(
                $"--fault '{fault}': {what}, and the 0-replica topology has none; drop 0 from --replicas, or drop --fault.");
        }

        var ordinal = fault.Node.StartsWith("replica", StringComparison.Ordinal)
            && int.TryParse(fault.Node.AsSpan("replica".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : 0;
        if (ordinal < 1 || ordinal > replicas || fault.Node != TopologyRequest.ReplicaName(ordinal))
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--fault '{fault}': the {replicas}-replica topology has no replica '{fault.Node}'; name one of replica1 to replica{replicas}."));
        }
    }

    /// <summary>The states a replica fault may act on, and the state it leaves the replica in.</summary>
    private static (ReplicaState[] Allowed, ReplicaState Next) Transition(FaultKind kind) => kind switch
    {
        FaultKind.ReplicaKill => ([ReplicaState.Streaming, ReplicaState.Paused], ReplicaState.Killed),
        FaultKind.ReplicaRestart => ([ReplicaState.Killed], ReplicaState.Streaming),
        FaultKind.ReplayPause => ([ReplicaState.Streaming], ReplicaState.Paused),
        FaultKind.ReplayResume => ([ReplicaState.Paused], ReplicaState.Streaming),
        FaultKind.ReplicaFreeze => ([ReplicaState.Streaming], ReplicaState.Frozen),
        FaultKind.ReplicaThaw => ([ReplicaState.Frozen], ReplicaState.Streaming),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a replica fault"),
    };

    private static void Expect(ScheduledFault fault, ReplicaState state, params ReplicaState[] allowed)
    {
        if (allowed.Contains(state))
        {
            return;
        }

        var why = state switch
        {
            ReplicaState.Killed => "is down (killed earlier) then; restart it first",
            ReplicaState.Paused => "has its replay paused then; resume it first",
            ReplicaState.Frozen => "is frozen then; thaw it first, e.g. replica-freeze@10s,replica-thaw@20s",
            ReplicaState.Promoted => "is the primary after the failover; faults after it may name only the remaining replicas",
            ReplicaState.LeftOut => "was down at the failover and left the topology; restart it before the failover",
            _ => fault.Kind switch
            {
                FaultKind.ReplicaRestart => "is running then; kill it before restarting it, e.g. replica-kill@10s,replica-restart@20s",
                FaultKind.ReplicaThaw => "is not frozen then; freeze it before thawing it, e.g. replica-freeze@10s,replica-thaw@20s",
                _ => "is not paused then; pause it before resuming, e.g. replay-pause@10s,replay-resume@20s",
            },
        };
        throw new BadInputException($"--fault '{fault}': {fault.Node} {why}.");
    }

    private static void FailOver(ScheduledFault fault, ReplicaState state, Dictionary<string, ReplicaState> states)
    {
        if (states.ContainsValue(ReplicaState.Promoted))
        {
            throw new BadInputException($"--fault '{fault}': the schedule already fails over once; a cell fails over at most once.");
        }

        Expect(fault, state, ReplicaState.Streaming);
        if (states.FirstOrDefault(s => s.Value == ReplicaState.Frozen).Key is { } frozen)
        {
            throw new BadInputException($"--fault '{fault}': {frozen} is frozen then, and a failover cannot re-point a server that answers nothing; thaw it before the failover.");
        }

        foreach (var killed in states.Where(s => s.Value == ReplicaState.Killed).Select(s => s.Key).ToList())
        {
            // A replica that is down at the failover cannot be re-pointed: it leaves the topology.
            states[killed] = ReplicaState.LeftOut;
        }

        states[fault.Node] = ReplicaState.Promoted;
    }

    private enum ReplicaState
    {
        Streaming,
        Killed,
        Paused,
        Frozen,
        Promoted,
        LeftOut,
    }
}
