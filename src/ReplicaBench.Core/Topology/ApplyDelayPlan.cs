using ReplicaBench.Configuration;

namespace ReplicaBench.Topology;

/// <summary>
/// Which replicas get a <c>recovery_min_apply_delay</c>, parsed from <c>--apply-delay</c> values:
/// <c>100ms</c> delays every replica; <c>replica2=100ms</c> only the named one. Several values (or
/// comma-separated entries) combine; a named entry wins over the all-replicas one.
/// This is the ground truth that staleness measurements are tested against.
/// </summary>
public sealed class ApplyDelayPlan
{
    private readonly Dictionary<string, TimeSpan> _byReplica;

    private ApplyDelayPlan(TimeSpan? allReplicas, Dictionary<string, TimeSpan> byReplica)
    {
        AllReplicas = allReplicas;
        _byReplica = byReplica;
    }

    public static ApplyDelayPlan None { get; } = new(null, new Dictionary<string, TimeSpan>(StringComparer.Ordinal));

    /// <summary>The delay for every replica not named explicitly, if any.</summary>
    public TimeSpan? AllReplicas { get; }

    public IReadOnlyDictionary<string, TimeSpan> ByReplica => _byReplica;

    public bool IsEmpty => AllReplicas is null && _byReplica.Count == 0;

    public static ApplyDelayPlan Parse(IEnumerable<string>? values)
    {
        TimeSpan? all = null;
        var named = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var raw in values ?? [])
        {
            foreach (var entry in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    all = ParseDelay(entry, entry);
                    continue;
                }

                var name = entry[..eq].Trim();
                if (name.Length == 0)
                {
                    throw new BadInputException(
                        $"--apply-delay: '{entry}' has no replica name before '='; write e.g. replica2=100ms, or 100ms for every replica.");
                }

                named[name] = ParseDelay(entry[(eq + 1)..].Trim(), entry);
            }
        }

        return all is null && named.Count == 0 ? None : new ApplyDelayPlan(all, named);
    }

    /// <summary>Fails when the plan names a replica the topology will not have.</summary>
    public void ValidateAgainst(IReadOnlyCollection<string> replicaNames)
    {
        foreach (var name in _byReplica.Keys)
        {
            if (!replicaNames.Contains(name))
            {
                var known = replicaNames.Count == 0 ? "this topology has no replicas" : "replicas are " + string.Join(", ", replicaNames);
                throw new BadInputException($"--apply-delay names '{name}', which is not a replica of this topology ({known}).");
            }
        }
    }

    public TimeSpan DelayFor(string replicaName) =>
        _byReplica.TryGetValue(replicaName, out var delay) ? delay : AllReplicas ?? TimeSpan.Zero;

    public override string ToString()
    {
        var parts = new List<string>();
        if (AllReplicas is { } all)
        {
            parts.Add(DurationParser.Format(all));
        }

        parts.AddRange(_byReplica.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={DurationParser.Format(p.Value)}"));
        return parts.Count == 0 ? "none" : string.Join(',', parts);
    }

    private static TimeSpan ParseDelay(string text, string entry)
    {
        if (DurationParser.TryParse(text, out var delay))
        {
            // PostgreSQL takes recovery_min_apply_delay in whole milliseconds.
            if (delay != TimeSpan.Zero && delay < TimeSpan.FromMilliseconds(1))
            {
                throw new BadInputException($"--apply-delay: '{entry}' is below PostgreSQL's 1ms resolution; use 1ms or more.");
            }

            return delay;
        }

        throw new BadInputException(
            $"--apply-delay: '{entry}' is not a delay; write e.g. 100ms (every replica) or replica2=100ms (one replica).");
    }
}
