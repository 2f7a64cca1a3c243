using System.Globalization;

namespace ReplicaBench.Engine.Sharding;

/// <summary>
/// The part [(i−1)/N, i/N) of the whole load that shard i of N runs, after k6's execution segments
/// (grafana/k6#997): the N shards are the segment sequence 0, 1/N, 2/N, ..., 1, which tiles
/// [0, 1) with no gap and no overlap.
/// </summary>
/// <remarks>
/// <para>
/// Counts and events are split the same way, by striping, as k6 stripes arrival-rate iterations
/// over a segment sequence: event k (0-based) of any sequence — an arrival of the open model's
/// schedule, a virtual user of a closed model — belongs to shard (k mod N) + 1. So of the first n
/// events shard i holds ⌊(n + N − i) / N⌋ (<see cref="Scale(long)"/>): the shares add up to exactly
/// n for every n (remainders go to the first shards), differ by at most one, and grow by at most
/// one per event. Because a shard's share of n is also exactly how many of the first n events it
/// owns, scaling a count and striping a sequence never disagree, and a count that moves over time
/// (ramping users) stays exact at every instant: Σᵢ Scale(n(t)) = n(t).
/// </para>
/// <para>
/// k6's general sequences allow unequal segments (offsets over the least common denominator);
/// <c>--shard i/N</c> only makes equal ones, for which those offsets reduce to every N-th event.
/// </para>
/// </remarks>
public sealed record ExecutionSegment
{
    private ExecutionSegment(int index, int count)
    {
        Index = index;
        Count = count;
    }

    /// <summary>The whole load, [0, 1): scaling by it changes nothing.</summary>
    public static ExecutionSegment Whole { get; } = new(1, 1);

    /// <summary>This segment's place in the sequence, 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>The number of equal segments in the sequence (the shards).</summary>
    public int Count { get; }

    /// <summary>True for [0, 1).</summary>
    public bool IsWhole => Count == 1;

    /// <summary>The segment's length as a fraction of the whole, e.g. 0.5 for a shard of two.</summary>
    public double Length => 1.0 / Count;

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/> (1-based): [(index−1)/count, index/count).</summary>
    public static ExecutionSegment ForShard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count} is not one of 1..{count}");
        }

        return new(index, count);
    }

    /// <summary>This segment's share of <paramref name="value"/>: how many of events 0..value−1 it owns, ⌊(value + N − i) / N⌋.</summary>
    public long Scale(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return (long)(((Int128)value + Count - Index) / Count);
    }

    /// <summary>As <see cref="Scale(long)"/> for an int count (a share is never larger than the whole).</summary>
    public int Scale(int value) => (int)Scale((long)value);

    /// <summary>Whether event <paramref name="index"/> (0-based) of a sequence is this segment's: index mod N = i − 1.</summary>
    public bool Owns(long index) => index % Count == Index - 1;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Index - 1}/{Count}, {Index}/{Count})");
}
