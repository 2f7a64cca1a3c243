using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Measurement;

namespace ReplicaBench.Tests.Measurement;

/// <summary>The LSN-timeline staleness estimate, driven by synthetic primary samples on a fake clock.</summary>
public sealed class LsnTimelineTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private readonly FakeTimeProvider _clock = new();
    private readonly LsnTimeline _timeline;

    public LsnTimelineTests()
    {
        _timeline = new LsnTimeline(_clock);
    }

    [Fact]
    public void Lag_is_unknown_before_the_primary_has_been_sampled()
    {
        Assert.Equal(-1, _timeline.EstimateLagMicroseconds(1000, _clock.GetTimestamp()));
        Assert.False(_timeline.IsFresh(_clock.GetTimestamp(), TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData(5000UL)]
    [InlineData(5001UL)]
    public void A_replica_that_has_replayed_the_primarys_position_has_zero_lag(ulong replayLsn)
    {
        SamplePrimary(1000);
        SamplePrimary(5000);
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(0, _timeline.EstimateLagMicroseconds(replayLsn, _clock.GetTimestamp()));
    }

    [Fact]
    public void A_replica_behind_is_as_stale_as_the_time_since_the_primary_first_passed_its_position()
    {
        SamplePrimary(1000);                // t = 0
        SamplePrimary(2000);                // t = 10 ms: first sample beyond 1500
        SamplePrimary(3000);                // t = 20 ms
        SamplePrimary(3000);                // t = 30 ms, primary idle
        _clock.Advance(TimeSpan.FromMilliseconds(5)); // now = 35 ms

        var now = _clock.GetTimestamp();
        Assert.Equal(25_000, _timeline.EstimateLagMicroseconds(1500, now));
        Assert.Equal(25_000, _timeline.EstimateLagMicroseconds(1000, now));
        Assert.Equal(15_000, _timeline.EstimateLagMicroseconds(2000, now));
        Assert.Equal(15_000, _timeline.EstimateLagMicroseconds(2999, now));
        Assert.Equal(0, _timeline.EstimateLagMicroseconds(3000, now));
    }

    [Fact]
    public void A_replica_behind_the_oldest_sample_gets_the_oldest_samples_age()
    {
        SamplePrimary(1000);
        SamplePrimary(2000);
        _clock.Advance(TimeSpan.FromMilliseconds(30));

        // Now = 40 ms; the oldest entry (t = 0) is the first position beyond 10.
        Assert.Equal(40_000, _timeline.EstimateLagMicroseconds(10, _clock.GetTimestamp()));
    }

    [Fact]
    public void On_an_idle_primary_a_caught_up_replica_stays_at_zero_while_time_passes()
    {
        SamplePrimary(7000);
        for (var second = 0; second < 600; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            _timeline.RecordPrimary(7000, _clock.GetTimestamp());

            Assert.Equal(0, _timeline.EstimateLagMicroseconds(7000, _clock.GetTimestamp()));
        }

        // The idle primary added no entries: only positions that moved are kept.
        Assert.Equal(1, _timeline.Count);
    }

    [Fact]
    public void The_lag_of_a_stuck_replica_keeps_growing_while_the_primary_writes()
    {
        SamplePrimary(1000);
        var lags = new List<long>();
        for (var i = 1; i <= 30; i++)
        {
            SamplePrimary(1000 + ((ulong)i * 100));
            lags.Add(_timeline.EstimateLagMicroseconds(1000, _clock.GetTimestamp()));
        }

        // The primary was first seen beyond 1000 at t = 10 ms; at that very sample the estimate is 0
        // (the lower bound: it may have got there just then), then it grows with every sample.
        Assert.Equal(0, lags[0]);
        Assert.Equal(290_000, lags[^1]);
        Assert.Equal(lags.Order(), lags);
    }

    [Fact]
    public void A_position_that_goes_backwards_is_ignored_but_refreshes_the_sample_time()
    {
        SamplePrimary(5000);
        _clock.Advance(TimeSpan.FromSeconds(5));
        _timeline.RecordPrimary(4000, _clock.GetTimestamp());

        Assert.Equal(5000UL, _timeline.NewestPrimaryLsn);
        Assert.True(_timeline.IsFresh(_clock.GetTimestamp(), TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void Freshness_expires_when_the_primary_is_no_longer_sampled()
    {
        SamplePrimary(1000);
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.True(_timeline.IsFresh(_clock.GetTimestamp(), TimeSpan.FromSeconds(1)));

        _clock.Advance(TimeSpan.FromMilliseconds(2));
        Assert.False(_timeline.IsFresh(_clock.GetTimestamp(), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Trimming_drops_positions_every_replica_has_passed_and_keeps_the_estimates()
    {
        for (ulong lsn = 1000; lsn <= 10_000; lsn += 1000)
        {
            SamplePrimary(lsn);
        }

        var now = _clock.GetTimestamp();
        var before = _timeline.EstimateBounds(6500, now);

        _timeline.TrimUpTo(6500);

        // 7000..10000 and 6000, the last position at or below 6500: its upper bound comes from there.
        Assert.Equal(5, _timeline.Count);
        Assert.Equal(before, _timeline.EstimateBounds(6500, now));
        Assert.Equal(30_000, before.LowerMicroseconds);
        Assert.Equal(40_000, before.UpperMicroseconds);

        _timeline.TrimUpTo(ulong.MaxValue);
        Assert.Equal(1, _timeline.Count);
        Assert.Equal(0, _timeline.EstimateLagMicroseconds(10_000, now));
    }

    [Fact]
    public void A_full_timeline_forgets_its_oldest_positions()
    {
        var small = new LsnTimeline(_clock, capacity: 4);
        for (ulong lsn = 1; lsn <= 6; lsn++)
        {
            _clock.Advance(Interval);
            small.RecordPrimary(lsn * 100, _clock.GetTimestamp());
        }

        Assert.Equal(4, small.Count);

        // Entries 300..600 remain (t = 30..60 ms, now = 60 ms); a replica at 150 gets the oldest age
        // kept as its lower bound, and no upper bound: when the primary passed 150 is forgotten.
        Assert.Equal(new LagBounds(30_000, -1), small.EstimateBounds(150, _clock.GetTimestamp()));
        Assert.Equal(new LagBounds(10_000, 20_000), small.EstimateBounds(450, _clock.GetTimestamp()));
    }

    [Fact]
    public void The_upper_bound_is_the_time_since_the_primary_was_last_seen_at_or_below_the_replica()
    {
        SamplePrimary(1000);                // t = 0
        SamplePrimary(1000);                // t = 10 ms: still at 1000, the last sight of it
        SamplePrimary(2000);                // t = 20 ms
        SamplePrimary(3000);                // t = 30 ms
        SamplePrimary(3000);                // t = 40 ms
        _clock.Advance(TimeSpan.FromMilliseconds(5)); // now = 45 ms

        var now = _clock.GetTimestamp();

        // At 1500: the primary passed it after t = 10 ms and was seen beyond it at t = 20 ms.
        Assert.Equal(new LagBounds(25_000, 35_000), _timeline.EstimateBounds(1500, now));
        Assert.Equal(new LagBounds(15_000, 25_000), _timeline.EstimateBounds(2000, now));

        // Caught up: nothing missing that the primary was seen to have, but it may have written
        // since its last sample 5 ms ago.
        Assert.Equal(new LagBounds(0, 5_000), _timeline.EstimateBounds(3000, now));
    }

    [Fact]
    public void A_replica_behind_every_remembered_position_has_no_upper_bound()
    {
        SamplePrimary(1000);
        SamplePrimary(2000);
        _clock.Advance(TimeSpan.FromMilliseconds(30));

        // The primary was already past 10 when first sampled: when it passed 10 is not known.
        Assert.Equal(new LagBounds(40_000, -1), _timeline.EstimateBounds(10, _clock.GetTimestamp()));
    }

    [Fact]
    public void On_an_idle_primary_a_caught_up_replicas_upper_bound_is_the_age_of_the_last_primary_sample()
    {
        SamplePrimary(7000);
        for (var i = 0; i < 100; i++)
        {
            SamplePrimary(7000);
            _clock.Advance(TimeSpan.FromMilliseconds(4));

            Assert.Equal(new LagBounds(0, 4_000), _timeline.EstimateBounds(7000, _clock.GetTimestamp()));
        }
    }

    [Fact]
    public void Reset_forgets_everything()
    {
        SamplePrimary(1000);
        _timeline.Reset();

        Assert.Equal(0, _timeline.Count);
        Assert.Equal(-1, _timeline.EstimateLagMicroseconds(0, _clock.GetTimestamp()));
    }

    private void SamplePrimary(ulong lsn)
    {
        if (_timeline.Count > 0 || _timeline.NewestPrimaryLsn != 0)
        {
            _clock.Advance(Interval);
        }

        _timeline.RecordPrimary(lsn, _clock.GetTimestamp());
    }
}
