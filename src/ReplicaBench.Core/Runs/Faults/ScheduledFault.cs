using ReplicaBench.Configuration;

namespace ReplicaBench.Runs.Faults;

/// <summary>One fault of a schedule: what, on which replica, and when.</summary>
/// <param name="Kind">What the fault does.</param>
/// <param name="Node">The replica it acts on (for a failover: the replica to promote).</param>
/// <param name="At">When, counted from the start of the measured window (the end of the warm-up).</param>
public sealed record ScheduledFault(FaultKind Kind, string Node, TimeSpan At)
{
    /// <summary>The canonical spelling, e.g. <c>replica-kill:replica1@20s</c>; <see cref="FaultSchedule.Parse"/> reads it back.</summary>
    public override string ToString() => $"{Kind.Name()}:{Node}@{DurationParser.Format(At)}";
}
