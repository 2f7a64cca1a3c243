namespace ReplicaBench.Runs.Faults;

/// <summary>The CLI and results.json names of <see cref="FaultKind"/> values.</summary>
public static class FaultKinds
{
    private static readonly (FaultKind Kind, string Name)[] Names =
    [
        (FaultKind.ReplicaKill, "replica-kill"),
        (FaultKind.ReplicaRestart, "replica-restart"),
        (FaultKind.ReplayPause, "replay-pause"),
        (FaultKind.ReplayResume, "replay-resume"),
        (FaultKind.ReplicaFreeze, "replica-freeze"),
        (FaultKind.ReplicaThaw, "replica-thaw"),
        (FaultKind.Failover, "failover"),
    ];

    /// <summary>Every name, comma-separated, for messages.</summary>
    public static string ValidNames { get; } = string.Join(", ", Names.Select(n => n.Name));

    public static string Name(this FaultKind kind) => Names.First(n => n.Kind == kind).Name;

    public static bool TryParse(string text, out FaultKind kind)
    {
        foreach (var (candidate, name) in Names)
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
