using ReplicaBench.Engine.Sharding;

namespace ReplicaBench.Engine;

/// <summary>
/// The open model's timetable as a pure function: when each arrival is due, as an offset from the
/// start of the run (warm-up included), computed from the rate profile and the arrival pattern
/// alone. Nothing here reads a clock, so the schedule can be tested exactly and a run can be
/// replayed.
/// </summary>
/// <remarks>
/// Arrivals of a varying-rate process are found by time-warping a unit-rate process: with
/// Λ(t) the expected number of arrivals by time t (the integral of the rate), the k-th arrival is
/// due at Λ⁻¹(E_k), where E_k = k for even spacing and the k-th point of a rate-1 Poisson process
/// (a running sum of exponential gaps) for Poisson arrivals. For a constant rate this is the
/// textbook schedule; for ramps it keeps the intended shape exactly.
/// <para>
/// A shard (an <see cref="ExecutionSegment"/> other than the whole) walks the whole's schedule and
/// yields only the arrivals its segment owns, striped as k6 stripes arrival-rate iterations: the
/// shards' schedules are disjoint and together are the unsharded schedule, instant for instant.
/// </para>
/// </remarks>
public sealed class ArrivalSchedule
{
    private readonly List<RateSegment> _segments;
    private readonly Random? _random;
    private readonly ExecutionSegment _share;
    private long _index;
    private double _unitTime;
    private double _segmentArrivalsBefore;
    private int _rateSegment;
    private bool _first = true;

    public ArrivalSchedule(RateProfile rate, ArrivalPattern pattern, TimeSpan warmUp, TimeSpan duration, ExecutionSegment? segment = null)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentNullException.ThrowIfNull(pattern);
        _segments = rate.ToSegments(warmUp, duration);
        Length = warmUp + duration;
        _share = segment ?? ExecutionSegment.Whole;
        if (pattern.Distribution == ArrivalDistribution.Poisson)
        {
            _random = new Random(pattern.Seed);
        }
    }

    /// <summary>The schedule covers [0, <see cref="Length"/>): warm-up plus measured duration.</summary>
    public TimeSpan Length { get; }

    /// <summary>The expected number of this schedule's arrivals between two offsets (the integral of the rate, times the segment's share).</summary>
    public double ExpectedArrivals(TimeSpan from, TimeSpan to) =>
        (ExpectedBy(to.TotalSeconds) - ExpectedBy(from.TotalSeconds)) * _share.Length;

    /// <summary>The next arrival's offset from the run start; false once the schedule has ended.</summary>
    public bool TryGetNext(out TimeSpan offset)
    {
        if (TryGetNextSeconds(out var seconds))
        {
            offset = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
            return true;
        }

        offset = default;
        return false;
    }

    /// <summary>As <see cref="TryGetNext"/>, in seconds, without rounding to TimeSpan ticks.</summary>
    internal bool TryGetNextSeconds(out double seconds)
    {
        while (TryGetNextOfWhole(out seconds))
        {
            if (_share.Owns(_index++))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next arrival of the whole, unsharded schedule.</summary>
    private bool TryGetNextOfWhole(out double seconds)
    {
        _unitTime = NextUnitTime();
        while (_rateSegment < _segments.Count)
        {
            var segment = _segments[_rateSegment];
            var inSegment = _unitTime - _segmentArrivalsBefore;
            if (inSegment < segment.Arrivals)
            {
                seconds = segment.Start + segment.TimeFor(inSegment);
                return true;
            }

            _segmentArrivalsBefore += segment.Arrivals;
            _rateSegment++;
        }

        seconds = 0;
        return false;
    }

    private double NextUnitTime()
    {
        if (_random is null)
        {
            // Even spacing: arrivals at Λ = 0, 1, 2, ... (the first one at the very start).
            if (_first)
            {
                _first = false;
                return 0;
            }

            return _unitTime + 1;
        }

        // Exponential gap with mean 1: -ln(1 - U) with U in [0, 1), so the logarithm is finite.
        return _unitTime - Math.Log(1 - _random.NextDouble());
    }

    private double ExpectedBy(double seconds)
    {
        var total = 0.0;
        foreach (var segment in _segments)
        {
            if (seconds <= segment.Start)
            {
                break;
            }

            var into = Math.Min(seconds - segment.Start, segment.Length);
            total += (segment.StartRate * into) + (0.5 * segment.Slope * into * into);
        }

        return total;
    }
}
