using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Engine;

/// <summary>
/// The closed model: <see cref="VirtualUsers"/> users, each looping "operation, think, operation".
/// Throughput is whatever the system sustains with that many requests in flight, and a slow
/// response delays the next request — the coordinated omission that the open model avoids.
/// </summary>
public sealed record ClosedLoad : LoadShape
{
    /// <summary>A sanity bound: each virtual user usually owns a database connection.</summary>
    public const int MaxVirtualUsers = 10_000;

    internal ClosedLoad(int virtualUsers, ThinkTime thinkTime, IReadOnlyList<VirtualUserStage>? stages = null)
    {
        StartVirtualUsers = virtualUsers;
        Stages = stages ?? [];
        WholeVirtualUsers = Stages.Aggregate(virtualUsers, (most, stage) => Math.Max(most, stage.Target));
        ThinkTime = thinkTime;
    }

    /// <summary>
    /// The users this run creates: its segment's share of the most the stages ever ask for (all of
    /// them without stages). A shard's share can be 0 when there are fewer users than shards.
    /// </summary>
    public override int VirtualUsers => Segment.Scale(WholeVirtualUsers);

    /// <summary>The users of the whole, unsharded load: the most the stages ever ask for.</summary>
    public int WholeVirtualUsers { get; }

    /// <summary>The users of the whole load active during the warm-up and at the start of the measured duration (as given, before sharding).</summary>
    public int StartVirtualUsers { get; }

    /// <summary>
    /// The part of the load this run is (<c>--shard</c>); <see cref="ExecutionSegment.Whole"/> unsharded.
    /// The stages stay those of the whole: at every instant this run has its segment's share of the
    /// users the whole would have, so the shards' active users add up to the whole's at every instant.
    /// </summary>
    public ExecutionSegment Segment { get; init; } = ExecutionSegment.Whole;

    /// <summary>k6's ramping VUs: each stage moves the active users linearly to its target; empty for a fixed number.</summary>
    public IReadOnlyList<VirtualUserStage> Stages { get; }

    public ThinkTime ThinkTime { get; }

    public override string Describe()
    {
        var users = Stages.Count == 0
            ? $"{VirtualUsers} VUs"
            : $"{StartVirtualUsers} VUs, then {string.Join(", ", Stages.Select(s => $"{s.Target} over {Configuration.DurationParser.Format(s.Duration)}"))}";
        var shard = Segment.IsWhole ? "" : $", segment {Segment}: {VirtualUsers} of {WholeVirtualUsers} VUs";
        return ThinkTime.IsNone ? $"closed, {users}{shard}" : $"closed, {users}, think {ThinkTime}{shard}";
    }

    internal override LoadShape ForSegment(ExecutionSegment segment) => this with { Segment = segment };

    /// <summary>
    /// The users this run has active <paramref name="sinceStart"/> into the measured duration
    /// (negative: the warm-up): its segment's share of <see cref="WholeActiveAt"/>.
    /// </summary>
    public int ActiveAt(TimeSpan sinceStart) => Segment.Scale(WholeActiveAt(sinceStart));

    /// <summary>
    /// The users the whole load has active <paramref name="sinceStart"/> into the measured duration
    /// (negative: the warm-up): the start count, then each stage's straight line from where the previous one ended,
    /// rounded down (a user joins once the line reaches it); after the last stage its target.
    /// </summary>
    public int WholeActiveAt(TimeSpan sinceStart)
    {
        var from = StartVirtualUsers;
        var elapsed = sinceStart;
        if (elapsed <= TimeSpan.Zero || Stages.Count == 0)
        {
            return Stages.Count == 0 ? WholeVirtualUsers : from;
        }

        foreach (var stage in Stages)
        {
            if (elapsed < stage.Duration)
            {
                return (int)Math.Floor(from + ((stage.Target - from) * (elapsed / stage.Duration)));
            }

            elapsed -= stage.Duration;
            from = stage.Target;
        }

        return from;
    }

    internal override void Validate(TimeSpan duration)
    {
        ValidateVirtualUsers(WholeVirtualUsers, "--vus");
        if (StartVirtualUsers < 0 || Stages.Any(s => s.Target < 0 || s.Duration <= TimeSpan.Zero))
        {
            throw new BadInputException("--stages for virtual users needs a positive duration and a target of 0 or more users per stage, e.g. --stages 30s:10,1m:10,30s:0.");
        }

        ThinkTime.Validate();
    }
}
