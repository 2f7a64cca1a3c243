using System.Globalization;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Runs.Faults;

/// <summary>
/// Runs a <see cref="FaultSchedule"/> against a topology during one load run, on the run's own
/// clock: each fault is due at its time after the end of the warm-up, counted from the moment the
/// run told <see cref="RunStarted"/> it began, so fault events and the series share one axis. A
/// fault's window opens on the <see cref="FaultWindowTracker"/> when its action begins. A fault whose
/// action fails is recorded with its error and the schedule carries on. After the run,
/// <see cref="RestoreAsync"/> thaws replicas still frozen, restarts replicas still killed and resumes replay still paused, so the
/// next cell on the same servers starts whole.
/// </summary>
internal sealed class FaultRunner(FaultSchedule schedule, ITopologyFaults faults, FaultWindowTracker tracker, FaultRunnerHooks hooks, TimeProvider timeProvider)
{
    private readonly TaskCompletionSource<long> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<string> _killed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _frozen = new(StringComparer.Ordinal);

    /// <summary>For <see cref="Engine.LoadRunOptions.Started"/>: the run began at <paramref name="timestamp"/>.</summary>
    public void RunStarted(long timestamp) => _started.TrySetResult(timestamp);

    /// <summary>The timestamp the measured window starts at, once the run has started.</summary>
    public long? MeasuredStart { get; private set; }

    /// <summary>
    /// Waits for the run to start, then runs each fault when due. Faults not yet due when
    /// <paramref name="runEnded"/> is cancelled are skipped (their windows stay unopened); an
    /// action in progress then is allowed to finish. <paramref name="abort"/> (Ctrl+C) cancels even that.
    /// </summary>
    public async Task RunAsync(TimeSpan warmUp, CancellationToken runEnded, CancellationToken abort)
    {
        long start;
        try
        {
            start = await _started.Task.WaitAsync(runEnded);
        }
        catch (OperationCanceledException) when (runEnded.IsCancellationRequested)
        {
            return;
        }

        var measuredStart = start + Ticks(warmUp);
        MeasuredStart = measuredStart;
        for (var i = 0; i < schedule.Faults.Count; i++)
        {
            var fault = schedule.Faults[i];
            var wait = Seconds(measuredStart + Ticks(fault.At) - timeProvider.GetTimestamp());
            try
            {
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait), timeProvider, runEnded);
                }
            }
            catch (OperationCanceledException) when (runEnded.IsCancellationRequested)
            {
                return;
            }

            var began = timeProvider.GetTimestamp();
            tracker.Begin(i, began);
            hooks.Step($"fault {fault} begins");
            try
            {
                await ExecuteAsync(i, fault, abort);
                tracker.Complete(i, timeProvider.GetTimestamp(), null);
                hooks.Step(string.Create(CultureInfo.InvariantCulture, $"fault {fault} done in {timeProvider.GetElapsedTime(began).TotalMilliseconds:0} ms"));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !abort.IsCancellationRequested)
            {
                var error = Describe(ex);
                tracker.Complete(i, timeProvider.GetTimestamp(), error);
                hooks.Step($"fault {fault} failed: {error}");
            }
        }
    }

    /// <summary>Restarts replicas the schedule left killed and resumes replay it left paused; returns one line per step that failed.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(CancellationToken cancellationToken)
    {
        // Thawed first: a frozen replica answers nothing, not even a replay resume.
        var problems = new List<string>(await ThawAsync());

        foreach (var replica in _killed.Order(StringComparer.Ordinal).ToList())
        {
            await TryAsync(problems, $"restarting {replica} after the cell", () => faults.RestartReplicaAsync(replica, cancellationToken));
        }

        foreach (var replica in _paused.Order(StringComparer.Ordinal).ToList())
        {
            await TryAsync(problems, $"resuming replay on {replica} after the cell", () => faults.ResumeReplayAsync(replica, cancellationToken));
        }

        _killed.Clear();
        _paused.Clear();
        _frozen.Clear();
        return problems;
    }

    /// <summary>Thaws every replica the schedule left frozen (signals only: never cancelled); returns one line per failure.</summary>
    public async Task<IReadOnlyList<string>> ThawAsync()
    {
        var problems = new List<string>();
        foreach (var replica in _frozen.Order(StringComparer.Ordinal).ToList())
        {
            await TryAsync(problems, $"thawing {replica} after the cell", () => faults.ThawReplicaAsync(replica, CancellationToken.None));
            _frozen.Remove(replica);
        }

        return problems;
    }

    private async Task ExecuteAsync(int index, ScheduledFault fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case FaultKind.ReplicaKill:
                await faults.KillReplicaAsync(fault.Node, cancellationToken);
                _killed.Add(fault.Node);
                _paused.Remove(fault.Node);
                break;
            case FaultKind.ReplicaRestart:
                await faults.RestartReplicaAsync(fault.Node, cancellationToken);
                _killed.Remove(fault.Node);
                break;
            case FaultKind.ReplicaFreeze:
                // Recorded first: a freeze that failed half-way still needs its thaw.
                _frozen.Add(fault.Node);
                await faults.FreezeReplicaAsync(fault.Node, cancellationToken);
                break;
            case FaultKind.ReplicaThaw:
                await faults.ThawReplicaAsync(fault.Node, cancellationToken);
                _frozen.Remove(fault.Node);
                break;
            case FaultKind.ReplayPause:
                await faults.PauseReplayAsync(fault.Node, cancellationToken);
                _paused.Add(fault.Node);
                break;
            case FaultKind.ReplayResume:
                await faults.ResumeReplayAsync(fault.Node, cancellationToken);
                _paused.Remove(fault.Node);
                break;
            case FaultKind.Failover:
                var result = await faults.FailoverAsync(fault.Node, newPrimary => PromotedAsync(index, newPrimary), cancellationToken);
                tracker.FailedOver(index, result);

                // The topology's part is done; re-pointing what samples the servers is the cell's.
                tracker.Complete(index, timeProvider.GetTimestamp(), null);
                _killed.ExceptWith(result.LeftOut);
                _paused.ExceptWith(result.LeftOut);
                _paused.Remove(result.NewPrimary.Name);
                await hooks.FailedOver(result);
                break;
        }
    }

    private async Task PromotedAsync(int index, TopologyNode newPrimary)
    {
        // Watch for the first write before the router moves: no write can succeed in between (the old primary is fenced).
        tracker.Promoted(index, newPrimary.Name, timeProvider.GetTimestamp());
        await hooks.Promoted(newPrimary);
    }

    private static async Task TryAsync(List<string> problems, string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"{what} failed: {Describe(ex)}");
        }
    }

    /// <summary>One line, no secrets: Npgsql messages never carry the password, and conninfo strings are never put in messages.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        TopologyException or BadInputException => exception.Message,
        _ => ConnectionErrors.Describe(exception),
    };

    private long Ticks(TimeSpan span) => (long)Math.Round(span.TotalSeconds * timeProvider.TimestampFrequency);

    private double Seconds(long ticks) => ticks / (double)timeProvider.TimestampFrequency;
}
