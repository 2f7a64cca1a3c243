using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Engine;

/// <summary>
/// How load is applied: a <see cref="ClosedLoad"/> (N virtual users, each issuing its next
/// operation when the previous one returned — pgbench's default) or an <see cref="OpenLoad"/>
/// (operations arrive on a schedule whether or not earlier ones have finished — what real traffic
/// does, and the only model whose latencies are free of coordinated omission).
/// </summary>
public abstract record LoadShape
{
    private protected LoadShape()
    {
    }

    /// <summary>Virtual users the run creates (each owns its connections and prepared commands).</summary>
    public abstract int VirtualUsers { get; }

    /// <summary>N virtual users in a loop, with an optional pause between operations.</summary>
    public static ClosedLoad Closed(int virtualUsers, ThinkTime thinkTime = default) => new(virtualUsers, thinkTime);

    /// <summary>k6's ramping VUs: <paramref name="startVirtualUsers"/> active, then each stage moves them linearly to its target.</summary>
    public static ClosedLoad Ramping(int startVirtualUsers, IReadOnlyList<VirtualUserStage> stages, ThinkTime thinkTime = default) => new(startVirtualUsers, thinkTime, stages);

    /// <summary>
    /// Arrivals at <paramref name="rate"/>, served by a pool of <paramref name="virtualUsers"/>.
    /// </summary>
    /// <param name="rate">The target arrival rate over time.</param>
    /// <param name="virtualUsers">The pool size: at most this many operations are in flight.</param>
    /// <param name="arrivals">Even or Poisson spacing; Poisson with the default seed when omitted.</param>
    /// <param name="maxLateness">
    /// An arrival that waited longer than this for a free virtual user is dropped instead of run;
    /// <see cref="OpenLoad.DefaultMaxLateness"/> when omitted, <see cref="Timeout.InfiniteTimeSpan"/> for never.
    /// </param>
    public static OpenLoad Open(RateProfile rate, int virtualUsers, ArrivalPattern? arrivals = null, TimeSpan? maxLateness = null) =>
        new(rate, virtualUsers, arrivals ?? ArrivalPattern.Poisson(), maxLateness ?? OpenLoad.DefaultMaxLateness);

    /// <summary>One line for tables and logs, e.g. <c>closed, 16 VUs</c>.</summary>
    public abstract string Describe();

    /// <summary>This shape for one shard: the <paramref name="segment"/>'s share of its users or of its arrivals.</summary>
    public LoadShape ForShard(ExecutionSegment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return ForSegment(segment);
    }

    internal abstract LoadShape ForSegment(ExecutionSegment segment);

    /// <summary>Throws <see cref="BadInputException"/> when the shape cannot run for <paramref name="duration"/>.</summary>
    internal abstract void Validate(TimeSpan duration);

    private protected static void ValidateVirtualUsers(int virtualUsers, string option)
    {
        if (virtualUsers is < 1 or > ClosedLoad.MaxVirtualUsers)
        {
            throw new BadInputException(
                $"{option} {virtualUsers} is out of range; use 1 to {ClosedLoad.MaxVirtualUsers} virtual users.");
        }
    }
}
