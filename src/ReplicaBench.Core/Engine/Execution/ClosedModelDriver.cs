using ReplicaBench.Engine.Recording;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// The closed model: each virtual user loops "execute, record, think" until the run stops. Latency
/// is measured from just before the operation is issued to its completion.
/// </summary>
/// <remarks>
/// Loops start inline on the caller's thread and continue wherever their I/O completes (the
/// socket thread with inline completions): no thread hop per operation, one state machine per
/// user for the whole run, and nothing allocated per operation by the engine.
/// </remarks>
internal sealed class ClosedModelDriver(
    IReadOnlyList<VirtualUserSlot> users,
    ClosedLoad shape,
    RunClock clock,
    TimeSpan warmUp = default) : ILoadDriver
{
    /// <summary>How often ramping VUs (<see cref="ClosedLoad.Stages"/>) re-reads how many users should be active.</summary>
    internal static readonly TimeSpan RampStep = TimeSpan.FromMilliseconds(10);

    /// <summary>Operations that complete synchronously in a row before a user lets the others run.</summary>
    /// <remarks>
    /// This is for users that never wait (a no-op, a cache): without it one of them would keep the
    /// thread that started it forever. Database operations complete synchronously often too — on
    /// loopback the reply is usually in the socket by the time the query's send returns (83% of
    /// point reads at 4 users here) — but their streaks end on their own, and yielding one to the
    /// thread pool only adds a third busy thread on 2 cores: at 64 the engine yielded about 100
    /// times a second and used about 1 µs more CPU per operation than with no yield at all.
    /// </remarks>
    private const int SynchronousStreakLimit = 1024;

    private int _stopping;

    // Users with an index below this run; the others wait to be let in (ramping VUs only).
    private int _active = int.MaxValue;
    private ITimer? _ramp;

    public Task Completion { get; private set; } = Task.CompletedTask;

    public void Start()
    {
        if (shape.Stages.Count > 0)
        {
            _active = Math.Min(shape.ActiveAt(TimeSpan.Zero), users.Count);
            _ramp = clock.Provider.CreateTimer(static s => ((ClosedModelDriver)s!).Ramp(), this, RampStep, RampStep);
        }

        foreach (var user in users)
        {
            user.Loop = RunAsync(user);
        }

        Completion = Task.WhenAll(users.Select(u => u.Loop));
    }

    public void RequestStop()
    {
        Interlocked.Exchange(ref _stopping, 1);
        _ramp?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        foreach (var user in users)
        {
            user.Signal.TryComplete(VirtualUserSignal.Stop);
        }
    }

    public void Dispose() => _ramp?.Dispose();

    /// <summary>Lets in the users the stages now ask for; users beyond it finish their operation and wait.</summary>
    private void Ramp()
    {
        var sinceStart = clock.Provider.GetElapsedTime(clock.StartTimestamp) - warmUp;
        var target = Math.Min(shape.ActiveAt(sinceStart), users.Count);
        var previous = Interlocked.Exchange(ref _active, target);
        for (var index = previous; index < target; index++)
        {
            users[index].Signal.TryComplete(VirtualUserSignal.TimerFired);
        }
    }

    private async Task RunAsync(VirtualUserSlot user)
    {
        var recorder = user.Recorder;
        var operationToken = user.Cancellation.Token;
        var think = shape.ThinkTime;
        var streak = 0;
        while (Volatile.Read(ref _stopping) == 0)
        {
            if (user.Index >= Volatile.Read(ref _active))
            {
                // Not let in yet (or let go by a ramp down): wait for the ramp, re-checking after
                // arming so that a let-in between the check and the arm is not missed.
                user.Signal.Arm();
                if (user.Index >= Volatile.Read(ref _active) && Volatile.Read(ref _stopping) == 0
                    && await user.Signal.WaitAsync().ConfigureAwait(false) == VirtualUserSignal.Stop)
                {
                    return;
                }

                continue;
            }

            var start = clock.Now;
            try
            {
                var pending = user.User.ExecuteAsync(operationToken);
                streak = pending.IsCompleted ? streak + 1 : 0;
                var outcome = await pending.ConfigureAwait(false);
                if (!outcome.Succeeded && operationToken.IsCancellationRequested)
                {
                    recorder.RecordCancelledAtStop(ArrivalStart.None);
                    return;
                }

                recorder.RecordCompleted(outcome, clock.ToMicroseconds(clock.Now - start));
            }
            catch (Exception) when (operationToken.IsCancellationRequested)
            {
                // See VirtualUserRecorder.RecordCancelledAtStop: after the stop's cancellation no failure is the system's.
                recorder.RecordCancelledAtStop(ArrivalStart.None);
                return;
            }
            catch (Exception ex)
            {
                // The user should have reported a classified failure; count what escaped anyway.
                recorder.RecordUnattributed(ex.GetType().Name, ArrivalStart.None);
                streak++;
            }

            if (!think.IsNone)
            {
                var wait = user.Signal.DelayAsync(think.Next(user.Random));
                if (Volatile.Read(ref _stopping) != 0)
                {
                    user.Signal.TryComplete(VirtualUserSignal.Stop);
                }

                if (await wait.ConfigureAwait(false) == VirtualUserSignal.Stop)
                {
                    return;
                }
            }
            else if (streak >= SynchronousStreakLimit)
            {
                streak = 0;
                await user.Yield;
            }
        }
    }
}
