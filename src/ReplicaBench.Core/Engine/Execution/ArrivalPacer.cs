using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// Walks the <see cref="ArrivalSchedule"/>: waits for each arrival's due time and releases it to
/// the dispatcher (a late wake-up releases every overdue arrival at once, each keeping its own
/// due time, so the lag is measured rather than hidden). Each arrival is counted in the phase of
/// its due time: before <c>measurementStart</c> the warm-up, from it on the measured
/// window. At the end of the run — or on a stop request — it stops the dispatcher, which sends idle
/// virtual users home.
/// </summary>
internal sealed class ArrivalPacer(
    ArrivalSchedule schedule,
    ArrivalDispatcher dispatcher,
    RunClock clock,
    long measurementStart,
    long endTimestamp,
    ArrivalCounters counters,
    IPacerWait wait)
{
    public async Task RunAsync()
    {
        try
        {
            while (schedule.TryGetNextSeconds(out var seconds))
            {
                var due = clock.AtSeconds(seconds);
                if (due >= endTimestamp)
                {
                    break;
                }

                while (clock.Now < due)
                {
                    if (!await wait.UntilAsync(due).ConfigureAwait(false))
                    {
                        return;
                    }
                }

                var phase = due >= measurementStart ? RunPhase.Measurement : RunPhase.WarmUp;
                counters.CountReleased(phase);
                if (!dispatcher.Release(due))
                {
                    counters.CountBacklogDropped(phase);
                }
            }

            // Hold until the end: arrivals still in the backlog may start until then.
            while (clock.Now < endTimestamp)
            {
                if (!await wait.UntilAsync(endTimestamp).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        finally
        {
            dispatcher.Stop();
        }
    }

    public void RequestStop() => wait.Interrupt();
}
