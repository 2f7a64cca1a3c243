using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

/// <summary>Timestamps here are plain numbers standing in for Stopwatch timestamps.</summary>
public sealed class AcknowledgedVersionsTests
{
    private const long SeededRows = 10_000;
    private readonly AcknowledgedVersions _versions = new(SeededRows);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(57)]
    public void A_key_not_written_in_this_run_is_fresh_at_any_version(long seen)
    {
        Assert.Equal(ReadFreshness.Fresh, _versions.Check(42, seen, readStartTimestamp: 1_000));
        Assert.Equal(ReadFreshness.Fresh, _versions.Check(InsertKeyRange.FirstKey + 3, seen, 1_000));
    }

    [Fact]
    public void Seeing_the_latest_acknowledged_version_or_a_newer_one_is_fresh()
    {
        _versions.Record(42, 2, acknowledgedTimestamp: 1_000);

        Assert.False(_versions.Check(42, 2, 5_000).IsStale);
        Assert.False(_versions.Check(42, 3, 5_000).IsStale);
    }

    [Fact]
    public void An_older_version_read_after_the_acknowledgement_is_stale_by_the_time_since_it()
    {
        _versions.Record(42, 2, acknowledgedTimestamp: 1_000);

        var verdict = _versions.Check(42, 1, readStartTimestamp: 1_500);

        Assert.True(verdict.IsStale);
        Assert.Equal(500, verdict.AgeTicks);
    }

    [Theory]
    [InlineData(1_500)]
    [InlineData(1_000)]
    public void A_write_acknowledged_after_or_as_the_read_started_is_not_a_violation(long readStart)
    {
        _versions.Record(42, 2, acknowledgedTimestamp: 1_000);

        Assert.False(_versions.Check(42, 1, readStartTimestamp: readStart - 500).IsStale);
        Assert.Equal(readStart > 1_000, _versions.Check(42, 1, readStartTimestamp: readStart).IsStale);
    }

    [Fact]
    public void The_age_counts_from_the_oldest_newer_version_acknowledged_before_the_read()
    {
        _versions.Record(42, 2, 1_000);
        _versions.Record(42, 3, 1_200);

        Assert.Equal(500, _versions.Check(42, 1, 1_500).AgeTicks);
        Assert.Equal(300, _versions.Check(42, 2, 1_500).AgeTicks);
        Assert.False(_versions.Check(42, 3, 1_500).IsStale);
    }

    [Fact]
    public void Only_the_newer_versions_acknowledged_before_the_read_count()
    {
        _versions.Record(42, 2, 1_000);
        _versions.Record(42, 3, 2_000);

        var sawVersion1 = _versions.Check(42, 1, readStartTimestamp: 1_500);
        var sawVersion2 = _versions.Check(42, 2, readStartTimestamp: 1_500);

        Assert.Equal(new ReadFreshness(true, 500), sawVersion1);
        Assert.False(sawVersion2.IsStale);
    }

    [Fact]
    public void A_late_acknowledgement_of_an_older_version_gives_the_same_answers()
    {
        // Two sessions updated the key at once; the one that wrote version 3 recorded first.
        _versions.Record(42, 3, 1_200);
        _versions.Record(42, 2, 1_000);

        Assert.Equal(3, _versions.LatestVersion(42));
        Assert.Equal(500, _versions.Check(42, 1, 1_500).AgeTicks);
        Assert.Equal(300, _versions.Check(42, 2, 1_500).AgeTicks);
    }

    [Fact]
    public void A_replica_further_behind_than_the_kept_history_gets_a_lower_bound_on_the_age()
    {
        _versions.Record(42, 2, 100);
        _versions.Record(42, 3, 200);
        _versions.Record(42, 4, 300);

        var verdict = _versions.Check(42, 1, 1_000);

        // Version 2 (acknowledged at 100) is no longer kept: the true age is 900, the reported one 800.
        Assert.True(verdict.IsStale);
        Assert.Equal(800, verdict.AgeTicks);
    }

    [Fact]
    public void A_missing_row_after_an_acknowledged_insert_is_stale()
    {
        var key = InsertKeyRange.FirstKey + 5;
        _versions.Record(key, 1, 1_000);

        Assert.Equal(new ReadFreshness(true, 250), _versions.Check(key, 0, 1_250));
        Assert.False(_versions.Check(key, 1, 1_250).IsStale);
        Assert.False(_versions.Check(key + 1, 0, 1_250).IsStale);
    }

    [Fact]
    public void Seeded_and_inserted_keys_are_kept_apart()
    {
        _versions.Record(SeededRows, 7, 10);
        _versions.Record(SeededRows + 1, 9, 10);
        _versions.Record(InsertKeyRange.FirstKey, 1, 10);

        Assert.Equal(7, _versions.LatestVersion(SeededRows));
        Assert.Equal(9, _versions.LatestVersion(SeededRows + 1));
        Assert.Equal(1, _versions.LatestVersion(InsertKeyRange.FirstKey));
        Assert.Equal(0, _versions.LatestVersion(SeededRows - 1));
    }

    [Fact]
    public void A_write_that_wrote_nothing_is_not_recorded()
    {
        _versions.Record(new WriteResult(42, 0, 0, 1_000));

        Assert.Equal(0, _versions.LatestVersion(42));
    }

    [Fact]
    public void Checking_and_recording_allocate_nothing_once_a_key_page_exists()
    {
        _versions.Record(42, 1, 10);
        _versions.Record(InsertKeyRange.FirstKey, 1, 10);
        _versions.Check(9_999, 0, 20);

        // Unoptimized (tier-0) code may heap-allocate what optimized code keeps on the stack, and how
        // warm these methods are depends on which tests ran first: measure rounds until the JIT has
        // optimized the path. A real per-operation allocation shows in every round and still fails.
        var allocated = new List<long>();
        for (long round = 0; round < 40 && (allocated.Count == 0 || allocated[^1] != 0); round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (long i = 2 + (round * 1_000); i < (round + 1) * 1_000; i++)
            {
                _versions.Record(42, i, i * 10);
                _versions.Record(InsertKeyRange.FirstKey, i, i * 10);
                _versions.Check(42, i - 1, (i * 10) + 5);
                _versions.Check(InsertKeyRange.FirstKey, i - 1, (i * 10) + 5);
                _versions.Check(9_999, 0, i * 10);
            }

            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            if (allocated[^1] != 0)
            {
                Thread.Sleep(25);
            }
        }

        Assert.True(allocated[^1] == 0, $"bytes allocated per round of 5,000 operations: {string.Join(", ", allocated)}");
    }

    [Fact]
    public void Concurrent_writers_leave_every_key_at_its_highest_version_with_its_own_timestamp()
    {
        const int Writers = 4;
        const int Keys = 64;
        const long VersionsPerKey = 2_000;
        using var start = new Barrier(Writers + 1);
        var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            for (long v = 1; v <= VersionsPerKey; v++)
            {
                if (v % Writers != w)
                {
                    continue;
                }

                for (long key = 1; key <= Keys; key++)
                {
                    _versions.Record(key, v, acknowledgedTimestamp: v * 10);
                }
            }
        })).ToList();
        var wentBackwards = 0;
        var checker = new Thread(() =>
        {
            start.SignalAndWait();
            var highest = new long[Keys + 1];
            for (var round = 0; round < 200; round++)
            {
                for (long key = 1; key <= Keys; key++)
                {
                    var latest = _versions.LatestVersion(key);
                    wentBackwards += latest < highest[key] ? 1 : 0;
                    highest[key] = latest;
                }
            }
        });

        writers.ForEach(t => t.Start());
        checker.Start();
        writers.ForEach(t => t.Join());
        checker.Join();

        Assert.Equal(0, wentBackwards);

        for (long key = 1; key <= Keys; key++)
        {
            Assert.Equal(VersionsPerKey, _versions.LatestVersion(key));
            Assert.False(_versions.Check(key, VersionsPerKey, long.MaxValue).IsStale);
            // The newest version was acknowledged at 20,000: a read starting 7 ticks later that saw the one before is 7 old.
            Assert.Equal(new ReadFreshness(true, 7), _versions.Check(key, VersionsPerKey - 1, (VersionsPerKey * 10) + 7));
        }
    }

    [Fact]
    public void Age_converts_stopwatch_ticks_to_time()
    {
        var oneSecond = new ReadFreshness(true, System.Diagnostics.Stopwatch.Frequency);

        Assert.Equal(TimeSpan.FromSeconds(1), oneSecond.Age);
        Assert.Equal(1_000_000, oneSecond.AgeMicroseconds);
    }
}
