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
        VirtualUsers = Stages.Aggregate(virtualUsers, (most, stage) => Math.Max(most, stage.Target));
        ThinkTime = thinkTime;
    }

    /// <summary>The users there are: the most the stages ever ask for (all of them without stages).</summary>
    public override int VirtualUsers { get; }

    /// <summary>The users active during the warm-up and at the start of the measured duration.</summary>
    public int StartVirtualUsers { get; }

    /// <summary>k6's ramping VUs: each stage moves the active users linearly to its target; empty for a fixed number.</summary>
    public IReadOnlyList<VirtualUserStage> Stages { get; }

    public ThinkTime ThinkTime { get; }

    public override string Describe()
    {
        var users = Stages.Count == 0
            ? $"{VirtualUsers} VUs"
            : $"{StartVirtualUsers} VUs, then {string.Join(", ", Stages.Select(s => $"{s.Target} over {Configuration.DurationParser.Format(s.Duration)}"))}";
        return ThinkTime.IsNone ? $"closed, {users}" : $"closed, {users}, think {ThinkTime}";
    }

    /// <summary>
    /// The users active <paramref name="sinceStart"/> into the measured duration (negative: the
    /// warm-up): the start count, then each stage's straight line from where the previous one ended,
    /// rounded down (a user joins once the line reaches it); after the last stage its target.
    /// </summary>
    public int ActiveAt(TimeSpan sinceStart)
    {
        var from = StartVirtualUsers;
        var elapsed = sinceStart;
        if (elapsed <= TimeSpan.Zero || Stages.Count == 0)
        {
            return Stages.Count == 0 ? VirtualUsers : from;
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
        ValidateVirtualUsers(VirtualUsers, "--vus");
        if (StartVirtualUsers < 0 || Stages.Any(s => s.Target < 0 || s.Duration <= TimeSpan.Zero))
        {
            throw new BadInputException("--stages for virtual users needs a positive duration and a target of 0 or more users per stage, e.g. --stages 30s:10,1m:10,30s:0.");
        }

        ThinkTime.Validate();
    }
}
