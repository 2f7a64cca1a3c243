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

    internal ClosedLoad(int virtualUsers, ThinkTime thinkTime)
    {
        VirtualUsers = virtualUsers;
        ThinkTime = thinkTime;
    }

    public override int VirtualUsers { get; }

    public ThinkTime ThinkTime { get; }

    public override string Describe() =>
        ThinkTime.IsNone ? $"closed, {VirtualUsers} VUs" : $"closed, {VirtualUsers} VUs, think {ThinkTime}";

    internal override void Validate(TimeSpan duration)
    {
        ValidateVirtualUsers(VirtualUsers, "--vus");
        ThinkTime.Validate();
    }
}
