using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The open model: the pacer releases arrivals on schedule, the dispatcher hands each to a free
/// virtual user, and every latency is measured from the arrival's scheduled time — so time spent
/// waiting for a free user is part of it (no coordinated omission).
/// </summary>
/// <remarks>
/// An arrival that found no free user waits in the backlog; one that waited longer than the max
/// lateness is dropped (counted) instead of run, as k6 drops iterations and pgbench skips
/// transactions with <c>--latency-limit</c>. Schedule lag (start − scheduled) is recorded for every
/// arrival that starts, so queueing and pacing precision are both visible; every arrival is
/// counted in the phase of its scheduled time (see <see cref="ArrivalStart"/>).
/// </remarks>
internal sealed class OpenModelDriver : ILoadDriver
{
    private readonly IReadOnlyList<VirtualUserSlot> _users;
    private readonly RunClock _clock;
    private readonly ArrivalDispatcher _dispatcher;
    private readonly ArrivalPacer _pacer;
    private readonly IPacerWait _wait;
    private readonly long _maxLatenessTicks;
    private readonly long _measurementStart;

    public OpenModelDriver(
        IReadOnlyList<VirtualUserSlot> users,
        OpenLoad shape,
        RunClock clock,
        ArrivalSchedule schedule,
        long measurementStart,
        long endTimestamp,
        ArrivalCounters counters)
    {
        _users = users;
        _clock = clock;
        _measurementStart = measurementStart;
        _maxLatenessTicks = shape.NeverDrops ? long.MaxValue : clock.TicksOf(shape.MaxLateness);
        _dispatcher = new ArrivalDispatcher(users.Count, ArrivalDispatcher.BacklogFor(shape));
        _wait = clock.IsSystem ? new PreciseSleepWait(clock) : new TimerPacerWait(clock);
        _pacer = new ArrivalPacer(schedule, _dispatcher, clock, measurementStart, endTimestamp, counters, _wait);
    }

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        // Users first: they go idle at once and wait for the pacer to hand them arrivals.
        foreach (var user in _users)
        {
            user.Loop = RunAsync(user);
        }

        var pacer = _clock.IsSystem ? PacerThread.Run(_pacer.RunAsync) : _pacer.RunAsync();
        Completion = Task.WhenAll([pacer, .. _users.Select(u => u.Loop)]);
    }

    public void RequestStop() => _pacer.RequestStop();

    public void Dispose() => (_wait as IDisposable)?.Dispose();

    private async Task RunAsync(VirtualUserSlot user)
    {
        var recorder = user.Recorder;
        var operationToken = user.Cancellation.Token;
        while (true)
        {
            var take = _dispatcher.TakeNext(user, out var due);
            if (take == ArrivalTake.Stop)
            {
                return;
            }

            var queued = take == ArrivalTake.Queued;
            if (!queued)
            {
                due = await user.Signal.WaitAsync().ConfigureAwait(false);
                if (due == VirtualUserSignal.Stop)
                {
                    return;
                }
            }

            var start = _clock.Now;
            var duePhase = due >= _measurementStart ? RunPhase.Measurement : RunPhase.WarmUp;
            if (queued && start - due > _maxLatenessTicks)
            {
                recorder.RecordDropped(duePhase);
                continue;
            }

            var arrival = new ArrivalStart(duePhase, _clock.ToMicroseconds(start - due));
            user.MarkInFlight(arrival);
            try
            {
                var outcome = await user.User.ExecuteAsync(operationToken).ConfigureAwait(false);
                var end = _clock.Now;
                if (!outcome.Succeeded && operationToken.IsCancellationRequested)
                {
                    recorder.RecordCancelledAtStop(arrival);
                    return;
                }

                recorder.RecordCompleted(outcome, _clock.ToMicroseconds(end - due), arrival);
            }
            catch (Exception) when (operationToken.IsCancellationRequested)
            {
                // See VirtualUserRecorder.RecordCancelledAtStop: after the stop's cancellation no failure is the system's.
                recorder.RecordCancelledAtStop(arrival);
                return;
            }
            catch (Exception ex)
            {
                recorder.RecordUnattributed(ex.GetType().Name, arrival);
            }
        }
    }
}
