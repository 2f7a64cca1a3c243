using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Engine;

/// <summary>
/// The open model: operations arrive on a schedule (<see cref="Rate"/>, <see cref="Arrivals"/>)
/// and a bounded pool of <see cref="VirtualUsers"/> serves them. Latency is measured from each
/// arrival's <em>scheduled</em> time, so time spent waiting for a free virtual user counts.
/// When the pool cannot keep up, arrivals wait (counted as late) and those that waited longer than
/// <see cref="MaxLateness"/> are dropped (counted), never silently skipped or slowed down.
/// </summary>
public sealed record OpenLoad : LoadShape
{
    /// <summary>
    /// One second: long enough that a brief stall shows up as latency, short enough that an
    /// overloaded run does not build an ever-growing backlog.
    /// </summary>
    public static readonly TimeSpan DefaultMaxLateness = TimeSpan.FromSeconds(1);

    internal OpenLoad(RateProfile rate, int virtualUsers, ArrivalPattern arrivals, TimeSpan maxLateness)
    {
        ArgumentNullException.ThrowIfNull(rate);
        Rate = rate;
        WholeVirtualUsers = virtualUsers;
        Arrivals = arrivals;
        MaxLateness = maxLateness;
    }

    public RateProfile Rate { get; }

    /// <summary>
    /// The pool size: at most this many operations are in flight at once. A shard's pool is its
    /// segment's share of the whole's, and at least 1 so that its arrivals can start (with more
    /// shards than pooled users the shards' pools add up to more than the whole's).
    /// </summary>
    public override int VirtualUsers => Math.Max(1, Segment.Scale(WholeVirtualUsers));

    /// <summary>The pool of the whole, unsharded load (<c>--max-vus</c>).</summary>
    public int WholeVirtualUsers { get; }

    /// <summary>
    /// The part of the load this run is (<c>--shard</c>); <see cref="ExecutionSegment.Whole"/> unsharded.
    /// The rate profile stays the whole's: the run walks the whole's arrival schedule and starts only
    /// the arrivals its segment owns (<see cref="ExecutionSegment.Owns"/>), so the shards' arrivals
    /// are exactly the unsharded schedule, split.
    /// </summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    public ArrivalPattern Arrivals { get; }

    /// <summary>How long an arrival may wait for a free virtual user before it is dropped.</summary>
    public TimeSpan MaxLateness { get; }

    /// <summary>True when arrivals are never dropped for lateness (pgbench's default).</summary>
    public bool NeverDrops => MaxLateness == Timeout.InfiniteTimeSpan;

    public override string Describe() => Segment.IsWhole
        ? $"open, {Rate} {Arrivals}, up to {VirtualUsers} VUs"
        : $"open, {Rate} {Arrivals}, segment {Segment} of the arrivals, up to {VirtualUsers} VUs";

    internal override LoadShape ForSegment(ExecutionSegment segment) => this with { Segment = segment };

    internal override void Validate(TimeSpan duration)
    {
        ValidateVirtualUsers(WholeVirtualUsers, "--max-vus");
        Rate.Validate(duration);
        if (MaxLateness < TimeSpan.Zero && !NeverDrops)
        {
            throw new BadInputException(
                $"max lateness {MaxLateness} is negative; give 0 (drop whenever no virtual user is free) or more, e.g. 1s.");
        }
    }
}
