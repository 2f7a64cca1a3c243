namespace ReplicaBench.Workload;

/// <summary>
/// The rows a range read saw, in key order. The keys and versions are views into a buffer owned by
/// the <see cref="WorkloadCommands"/> that ran the read (no allocation per read): they are valid until
/// that object's next range read, so check or copy them before issuing another.
/// </summary>
public readonly struct RangeReadResult(int count, ReadOnlyMemory<long> keys, ReadOnlyMemory<long> versions)
{
    /// <summary>Rows returned (up to <see cref="WorkloadCommands.RangeLength"/>).</summary>
    public int Count { get; } = count;

    public ReadOnlyMemory<long> Keys { get; } = keys;

    public ReadOnlyMemory<long> Versions { get; } = versions;
}
