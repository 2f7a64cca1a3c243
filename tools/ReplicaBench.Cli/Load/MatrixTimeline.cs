using ReplicaBench.Runs;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// How far a load matrix has got and how long it has left, for the live view's one progress bar.
/// The plan is known up front: every cell's warm-up plus its measured duration, and before the
/// first cell of each topology its seeding (estimated from the rows at <see cref="SeedRowsPerSecond"/>).
/// What the plan does not hold (provisioning, the catch-up wait, the drain, the router settling) is
/// measured as the run goes: the time between cells, averaged over the cells finished so far, is
/// added for each cell still to come. Under <c>--shard</c> the cells start at planned instants, so
/// the end is the last cell's planned start plus its warm-up and duration.
/// </summary>
internal sealed class MatrixTimeline
{
    /// <summary>A rough seeding rate (one multi-row INSERT stream on a local server); the bar corrects itself once a seeding ends.</summary>
    public const double SeedRowsPerSecond = 50_000;

    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly IReadOnlyList<TimeSpan> _cells;
    private readonly IReadOnlyList<TimeSpan> _setups;
    private readonly DateTimeOffset? _plannedEnd;
    private int _current = -1;
    private int _finished;
    private TimeSpan _inCell;
    private TimeSpan _finishedCellTime;
    private TimeSpan _setupTime;
    private TimeSpan _gapStartedAt;

    /// <param name="cells">Each cell's planned warm-up plus duration, in matrix order.</param>
    /// <param name="setups">Before each cell, the planned setup (seeding before the first cell of a topology, else zero).</param>
    /// <param name="plannedEnd">Under <c>--shard</c>: when the last cell's measured window ends.</param>
    /// <param name="clock">The clock; the run starts at construction.</param>
    public MatrixTimeline(IReadOnlyList<TimeSpan> cells, IReadOnlyList<TimeSpan> setups, DateTimeOffset? plannedEnd, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(setups.Count, cells.Count);
        _cells = cells;
        _setups = setups;
        _plannedEnd = plannedEnd;
        _clock = clock;
        _started = clock.GetTimestamp();
    }

    public int CellCount => _cells.Count;

    /// <summary>The plan of a run with these settings: cells × (warm-up + duration), plus a seeding per topology.</summary>
    public static MatrixTimeline For(LoadMatrixSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var topologies = settings.Replicas?.Count ?? 1;
        var perTopology = settings.Policies.Count * settings.Repeat * settings.FeedbackValues;
        var count = topologies * perTopology;
        var seeding = settings.NoSeed ? TimeSpan.Zero : TimeSpan.FromSeconds(settings.SeedRows / SeedRowsPerSecond);
        // With a failover in the schedule every cell gets a fresh, freshly seeded topology.
        var everyCellSeeds = settings.Faults.HasFailover && settings.StateDirectory is null;
        var cells = Enumerable.Range(0, count).Select(i => WarmUpOf(settings, i) + settings.Duration).ToList();
        var setups = Enumerable.Range(0, count).Select(i => everyCellSeeds || i % perTopology == 0 ? seeding : TimeSpan.Zero).ToList();
        DateTimeOffset? end = null;
        if (settings.Shard is { } shard)
        {
            end = shard.StartAt;
            for (var i = 0; i < count; i++)
            {
                end += cells[i] + (i < count - 1 ? settings.ShardCellGap : TimeSpan.Zero);
            }
        }

        return new MatrixTimeline(cells, setups, end, clock);
    }

    /// <summary>Cell <paramref name="index"/> (from 0) starts.</summary>
    public void CellStarted(int index)
    {
        var now = Elapsed;
        if (_setups[index] > TimeSpan.Zero)
        {
            _setupTime += now - _gapStartedAt;
        }

        _current = index;
        _inCell = TimeSpan.Zero;
    }

    /// <summary>The running cell has run <paramref name="elapsed"/> (warm-up included).</summary>
    public void Interval(TimeSpan elapsed) => _inCell = elapsed;

    /// <summary>The running cell finished.</summary>
    public void CellFinished()
    {
        if (_current < 0)
        {
            return;
        }

        _finishedCellTime += _cells[_current];
        _finished = _current + 1;
        _current = -1;
        _gapStartedAt = Elapsed;
    }

    /// <summary>Wall time since the run started.</summary>
    public TimeSpan Elapsed => _clock.GetElapsedTime(_started);

    /// <summary>What the run has left: the plan not yet run, plus the measured overhead per cell still to finish.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var now = Elapsed;
            if (_plannedEnd is { } end)
            {
                var left = end - _clock.GetUtcNow();
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }

            var remaining = TimeSpan.Zero;
            var next = _finished;
            if (_current >= 0)
            {
                remaining += Positive(_cells[_current] - _inCell);
                next = _current + 1;
            }
            else if (next < _cells.Count)
            {
                // Between cells: the next one's setup counts down from when the gap began.
                remaining += Positive(_setups[next] - (now - _gapStartedAt)) + _cells[next];
                next++;
            }

            for (var i = next; i < _cells.Count; i++)
            {
                remaining += _setups[i] + _cells[i];
            }

            var unfinished = _cells.Count - _finished;
            return remaining + (OverheadPerCell * unfinished);
        }
    }

    /// <summary>Done share of the whole run, 0 to 1: elapsed / (elapsed + remaining).</summary>
    public double Fraction
    {
        get
        {
            if (_finished == _cells.Count)
            {
                return 1;
            }

            var elapsed = Elapsed;
            var total = elapsed + Remaining;
            return total <= TimeSpan.Zero ? 0 : Math.Clamp(elapsed / total, 0, 1);
        }
    }

    /// <summary>Wall time per finished cell beyond its plan and its topology's setup; zero before the first finishes.</summary>
    private TimeSpan OverheadPerCell =>
        _finished == 0 ? TimeSpan.Zero : Positive(_gapStartedAt - _finishedCellTime - _setupTime) / _finished;

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static TimeSpan WarmUpOf(LoadMatrixSettings settings, int index) =>
        settings.WarmUp + (index == 0 ? settings.FirstCellExtraWarmUp : TimeSpan.Zero);
}
