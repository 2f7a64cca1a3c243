using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// When intervals close: every report interval through the warm-up, exactly at its end (so that
/// no measured operation lands in the warm-up), then every interval of the measured duration. The
/// last measured interval closes when the run has drained, not on this plan.
/// </summary>
internal sealed class IntervalPlan
{
    private readonly List<(TimeSpan At, RunPhase Phase)> _ticks = [];
    private int _next;

    public IntervalPlan(TimeSpan warmUp, TimeSpan duration, TimeSpan interval)
    {
        for (var at = interval; at < warmUp; at += interval)
        {
            _ticks.Add((at, RunPhase.WarmUp));
        }

        if (warmUp > TimeSpan.Zero)
        {
            _ticks.Add((warmUp, RunPhase.WarmUp));
        }

        for (var at = warmUp + interval; at < warmUp + duration; at += interval)
        {
            _ticks.Add((at, RunPhase.Measurement));
        }
    }

    public IReadOnlyList<(TimeSpan At, RunPhase Phase)> Ticks => _ticks;

    public bool TryPeek(out (TimeSpan At, RunPhase Phase) tick)
    {
        if (_next < _ticks.Count)
        {
            tick = _ticks[_next];
            return true;
        }

        tick = default;
        return false;
    }

    public void Advance() => _next++;
}
