using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class ReadYourWritesTrackerTests
{
    private readonly ReadYourWritesTracker _session = new(capacity: 4);

    [Fact]
    public void Reading_an_older_version_of_an_own_write_is_a_violation_and_is_counted()
    {
        _session.RecordWrite(7, 3);

        Assert.Equal(ReadYourWritesCheck.Violated, _session.CheckRead(7, 2));
        Assert.Equal(1, _session.Violations);
        Assert.Equal(1, _session.ReadsOfOwnWrites);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Reading_the_own_version_or_a_newer_one_is_fine(long seen)
    {
        _session.RecordWrite(7, 3);

        Assert.Equal(ReadYourWritesCheck.Kept, _session.CheckRead(7, seen));
        Assert.Equal(0, _session.Violations);
        Assert.Equal(1, _session.ReadsOfOwnWrites);
    }

    [Fact]
    public void Not_finding_an_own_insert_is_a_violation()
    {
        _session.RecordWrite(new WriteResult(InsertKeyRange.FirstKey, 1, 0x1000, 10));

        Assert.Equal(ReadYourWritesCheck.Violated, _session.CheckRead(InsertKeyRange.FirstKey, 0));
    }

    [Fact]
    public void Keys_the_session_did_not_write_are_not_its_business()
    {
        Assert.Equal(ReadYourWritesCheck.NotOwnWrite, _session.CheckRead(7, 0));
        Assert.Equal(0, _session.ReadsOfOwnWrites);
    }

    [Fact]
    public void Each_session_counts_only_its_own_writes()
    {
        var other = new ReadYourWritesTracker();
        other.RecordWrite(7, 5);
        _session.RecordWrite(7, 3);

        Assert.Equal(ReadYourWritesCheck.Kept, _session.CheckRead(7, 4));
        Assert.Equal(ReadYourWritesCheck.Violated, other.CheckRead(7, 4));
        Assert.Equal((0, 1), (_session.Violations, other.Violations));
    }

    [Fact]
    public void A_late_record_of_an_older_write_does_not_lower_the_remembered_version()
    {
        _session.RecordWrite(7, 5);
        _session.RecordWrite(7, 4);

        Assert.Equal(5, _session.OwnVersion(7));
    }

    [Fact]
    public void The_oldest_write_is_forgotten_first_when_the_memory_is_full()
    {
        for (long key = 1; key <= 5; key++)
        {
            _session.RecordWrite(key, 2);
        }

        Assert.Equal(0, _session.OwnVersion(1));
        Assert.Equal([2L, 2L, 2L, 2L], new[] { 2L, 3L, 4L, 5L }.Select(_session.OwnVersion));
    }

    [Fact]
    public void A_key_written_again_is_remembered_by_its_newest_write()
    {
        _session.RecordWrite(1, 2);
        _session.RecordWrite(2, 2);
        _session.RecordWrite(1, 3);
        _session.RecordWrite(3, 2);
        _session.RecordWrite(4, 2);

        // The ring dropped key 1's first write, but its second write is still remembered.
        Assert.Equal(3, _session.OwnVersion(1));
        Assert.Equal(2, _session.OwnVersion(4));
    }

    [Fact]
    public void A_write_that_wrote_nothing_is_not_remembered()
    {
        _session.RecordWrite(new WriteResult(9, 0, 0, 10));

        Assert.Equal(0, _session.OwnVersion(9));
    }

    [Fact]
    public void Recording_and_checking_allocate_nothing_after_warm_up()
    {
        var tracker = new ReadYourWritesTracker(capacity: 64);
        for (long key = 0; key < 128; key++)
        {
            tracker.RecordWrite(key, 1);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (long key = 128; key < 10_000; key++)
        {
            tracker.RecordWrite(key, 1);
            tracker.CheckRead(key - 3, 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
