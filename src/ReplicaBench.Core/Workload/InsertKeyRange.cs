using Npgsql;

namespace ReplicaBench.Workload;

/// <summary>
/// The keys one session inserts under: a block of 2^32 consecutive keys reserved from the
/// <see cref="WorkloadSchema.InsertKeyBlocksSequence"/> sequence, so inserts from different
/// sessions, processes and runs never conflict and never meet a seeded key (seeded keys stay below
/// <see cref="FirstKey"/>). Handing out the next key is a counter increment; only reserving the
/// block costs a round trip, once per session. Not thread-safe: one session owns it.
/// </summary>
public sealed class InsertKeyRange
{
    /// <summary>The lowest inserted key (2^40), far above any seed size the suite accepts.</summary>
    public const long FirstKey = 1L << 40;

    /// <summary>Keys per block (2^32): more inserts than one session can make in days.</summary>
    public const long BlockSize = 1L << 32;

    /// <summary>How many blocks fit below <see cref="long.MaxValue"/>; the sequence stops there rather than wrap.</summary>
    public const long MaxBlocks = (long.MaxValue - FirstKey) / BlockSize;

    private long _used;

    /// <summary>A range over block <paramref name="block"/> (1-based, as the sequence hands them out).</summary>
    public InsertKeyRange(long block)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(block, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block, MaxBlocks);
        Block = block;
        Start = FirstKey + ((block - 1) * BlockSize);
    }

    public long Block { get; }

    /// <summary>The first key of this block.</summary>
    public long Start { get; }

    /// <summary>Keys handed out so far.</summary>
    public long Used => _used;

    /// <summary>Reserves a fresh block on the primary (<c>nextval</c> on the suite's sequence).</summary>
    public static async Task<InsertKeyRange> ReserveAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT nextval('{WorkloadSchema.InsertKeyBlocksSequence}')", primary);
        var block = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new InsertKeyRange(block);
    }

    /// <summary>Whether a key belongs to some session's insert range rather than to the seeded rows.</summary>
    public static bool IsInsertedKey(long key) => key >= FirstKey;

    /// <summary>The next unused key of this block.</summary>
    public long NextKey()
    {
        if (_used == BlockSize)
        {
            throw new InvalidOperationException($"insert key block {Block} is used up after {BlockSize} inserts; reserve a new one");
        }

        return Start + _used++;
    }
}
