using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class InsertKeyRangeTests
{
    [Fact]
    public void Keys_of_one_block_are_consecutive_from_its_start()
    {
        var range = new InsertKeyRange(3);

        Assert.Equal(InsertKeyRange.FirstKey + (2 * InsertKeyRange.BlockSize), range.Start);
        Assert.Equal([range.Start, range.Start + 1, range.Start + 2], [range.NextKey(), range.NextKey(), range.NextKey()]);
        Assert.Equal(3, range.Used);
    }

    [Fact]
    public void Blocks_never_overlap()
    {
        var first = new InsertKeyRange(1);
        var second = new InsertKeyRange(2);

        Assert.Equal(first.Start + InsertKeyRange.BlockSize, second.Start);
    }

    [Fact]
    public void The_last_block_ends_within_bigint()
    {
        var last = new InsertKeyRange(InsertKeyRange.MaxBlocks);

        Assert.True(last.Start > 0);
        Assert.True(last.Start <= long.MaxValue - (InsertKeyRange.BlockSize - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InsertKeyRange(InsertKeyRange.MaxBlocks + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InsertKeyRange(0));
    }
}
