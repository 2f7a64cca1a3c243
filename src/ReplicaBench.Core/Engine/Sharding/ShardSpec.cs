using System.Globalization;

namespace ReplicaBench.Engine.Sharding;

/// <summary>
/// <c>--shard i/N</c>: this process runs shard <see cref="Index"/> of <see cref="Count"/> of the
/// matrix, starting its cells at instants planned from <see cref="StartAt"/> so that every shard
/// starts each cell at the same wall-clock time.
/// </summary>
public sealed record ShardSpec(int Index, int Count, DateTimeOffset StartAt)
{
    /// <summary>The most shards a run can be split into: far beyond the machines one would use, small enough that every share stays meaningful.</summary>
    public const int MaxShards = 1000;

    /// <summary>The part of the load this shard runs.</summary>
    public ExecutionSegment Segment => ExecutionSegment.ForShard(Index, Count);

    /// <summary>Shard 1 seeds the table and runs the visibility probe and the lag sampler; the others only load.</summary>
    public bool IsFirst => Index == 1;

    /// <summary>The spelling of the option, e.g. <c>2/3</c>.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Parses <c>--shard</c> and <c>--start-at</c>; each mistake is one <see cref="BadInputException"/> line.
    /// Returns null when neither is given.
    /// </summary>
    public static ShardSpec? Parse(string? shard, string? startAt)
    {
        if (shard is null)
        {
            return startAt is null
                ? null
                : throw new BadInputException("--start-at lines shards up and needs --shard i/N; add e.g. --shard 1/2, or drop --start-at.");
        }

        var parts = shard.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new BadInputException($"--shard '{shard}' is not i/N; give this shard's number and the number of shards, e.g. --shard 1/2.");
        }

        if (count is < 1 or > MaxShards || index < 1 || index > count)
        {
            throw new BadInputException(
                $"--shard {shard} is not a shard: i must be 1 to N and N 1 to {MaxShards}; e.g. --shard 1/{Math.Clamp(count, 1, MaxShards)} ... --shard {Math.Clamp(count, 1, MaxShards)}/{Math.Clamp(count, 1, MaxShards)}.");
        }

        if (startAt is null)
        {
            throw new BadInputException(
                "--shard needs --start-at, the same UTC instant for every shard so their cells start together; add e.g. --start-at 2026-12-06T10:00:00Z.");
        }

        return new ShardSpec(index, count, ParseStartAt(startAt));
    }

    private static DateTimeOffset ParseStartAt(string text)
    {
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        if (!DateTimeOffset.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            throw new BadInputException(
                $"--start-at '{text}' is not an ISO 8601 UTC time; give it with a Z, e.g. --start-at 2026-12-06T10:00:00Z.");
        }

        return instant;
    }
}
