using ReplicaBench.Engine.Output;
using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Engine.Execution;

/// <summary>One run of a scenario, from creating its virtual users to building its result.</summary>
internal sealed class LoadRun(LoadScenario scenario, LoadRunOptions options)
{
    private readonly RunClock _clock = new(options.TimeProvider);
    private readonly BucketLayout _layout = new(scenario);
    private readonly ErrorKindCatalog _errorKinds = new();

    /// <summary>When the measured window began, and the process's CPU time then; null until it does.</summary>
    private (long At, TimeSpan Cpu)? _measurementStart;

    public async Task<LoadRunResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (options.OutputDirectory is { } directory)
        {
            RunOutput.PrepareDirectory(directory);
        }

        var users = await CreateUsersAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.StartAt is { } startAt && startAt - options.TimeProvider.GetUtcNow() is { Ticks: > 0 } untilStart)
            {
                await Task.Delay(untilStart, options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            return await MeasureAsync(users, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DisposeUsersAsync(users.Where(u => u.Loop.IsCompleted)).ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var user in users)
            {
                user.Dispose();
            }
        }
    }

    private async Task<LoadRunResult> MeasureAsync(List<VirtualUserSlot> users, CancellationToken cancellationToken)
    {
        _clock.Start();
        options.Started?.Invoke(_clock.StartTimestamp);
        if (scenario.WarmUp <= TimeSpan.Zero)
        {
            BeginMeasurement(_clock.StartTimestamp);
        }
        using var output = options.OutputDirectory is null
            ? null
            : RunOutput.Create(options.OutputDirectory, options.FileNamesFor(scenario), scenario, _clock.StartedAt, options.ReportInterval);
        var open = scenario.Load as OpenLoad;
        var counters = open is null ? null : new ArrivalCounters();
        var schedule = open is null ? null : new ArrivalSchedule(open.Rate, open.Arrivals, scenario.WarmUp, scenario.Duration, open.Segment);
        var collector = new IntervalCollector(
            _layout, _errorKinds, [.. users.Select(u => u.Recorder)], _clock, output, options.Progress, options.Samples, counters);
        var end = _clock.At(scenario.WarmUp + scenario.Duration);
        using ILoadDriver driver = open is null
            ? new ClosedModelDriver(users, (ClosedLoad)scenario.Load, _clock, scenario.WarmUp)
            : new OpenModelDriver(users, open, _clock, schedule!, _clock.At(scenario.WarmUp), end, counters!);
        var plan = new IntervalPlan(scenario.WarmUp, scenario.Duration, options.ReportInterval);
        using var stopCollecting = new CancellationTokenSource();

        driver.Start();
        var collecting = CollectAsync(collector, plan, stopCollecting.Token);
        var reason = await WaitForEndAsync(end, cancellationToken).ConfigureAwait(false);

        // The window ends when operations stop being started: in the open model the pacer releases
        // nothing from the planned end on, while closed-model users start operations until told
        // to stop (a timer wake-up, a few milliseconds after the planned end on the real clock).
        var stoppedAt = reason == RunStopReason.Completed && open is not null ? end : _clock.Now;
        driver.RequestStop();
        await DrainAsync(driver, users).ConfigureAwait(false);
        var generatorCpu = EndMeasurement();

        stopCollecting.Cancel();
        try
        {
            await collecting.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopCollecting.IsCancellationRequested)
        {
            // The collector loop ends by cancellation; the last intervals are closed below.
        }

        var finalPhase = CatchUp(collector, plan);
        collector.Collect(finalPhase);
        if (driver.Completion.IsFaulted)
        {
            await driver.Completion.ConfigureAwait(false);
        }

        var abandoned = users.Where(u => !u.Loop.IsCompleted).ToList();
        if (open is not null)
        {
            foreach (var user in abandoned)
            {
                collector.CountAbandonedStart(user.InFlightArrival);
            }
        }

        var warnings = await DisposeUsersAsync(users.Except(abandoned)).ConfigureAwait(false);
        if (abandoned.Count > 0)
        {
            warnings.Insert(0, $"{abandoned.Count} operation(s) were still running after the graceful stop and the cancellation that followed; their virtual users were not disposed.");
        }

        return new ResultBuilder(scenario, _layout, _errorKinds, _clock, collector).Build(
            reason, stoppedAt, schedule, abandoned.Count, output?.Files, warnings, generatorCpu);
    }

    /// <summary>The measured window begins: the process's CPU is read, then the caller is told.</summary>
    private void BeginMeasurement(long now)
    {
        _measurementStart = (now, options.ProcessCpuTime());
        options.MeasurementStarted?.Invoke(now);
    }

    /// <summary>The measured window's operations have drained: the generator's CPU over the window, null when it never began.</summary>
    private GeneratorCpu? EndMeasurement()
    {
        var now = _clock.Now;
        var cpu = options.ProcessCpuTime();
        options.MeasurementEnded?.Invoke(now);
        return _measurementStart is var (start, cpuAtStart) && start <= now
            ? new GeneratorCpu(cpu - cpuAtStart, _clock.Between(start, now), Environment.ProcessorCount)
            : null;
    }

    private async Task<List<VirtualUserSlot>> CreateUsersAsync(CancellationToken cancellationToken)
    {
        var users = new List<VirtualUserSlot>(scenario.Load.VirtualUsers);
        var telemetry = new OperationTelemetry(_layout, options.MetricsCell ?? scenario.Name);
        try
        {
            for (var i = 0; i < scenario.Load.VirtualUsers; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var context = new VirtualUserContext(scenario, i, _clock.Provider);
                var user = await scenario.Factory(context, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the factory of scenario '{scenario.Name}' returned no virtual user for index {i}.");
                users.Add(new VirtualUserSlot(i, user, new VirtualUserRecorder(_layout, _errorKinds, telemetry), _clock, context.Seed));
            }

            return users;
        }
        catch
        {
            await DisposeUsersAsync(users).ConfigureAwait(false);
            foreach (var user in users)
            {
                user.Dispose();
            }

            throw;
        }
    }

    private async Task CollectAsync(IntervalCollector collector, IntervalPlan plan, CancellationToken cancellationToken)
    {
        while (plan.TryPeek(out var tick))
        {
            await _clock.DelayUntilAsync(_clock.At(tick.At), cancellationToken).ConfigureAwait(false);
            // Told before the collection: the slabs swap at its start, and what follows (the log,
            // the series, progress) takes long enough that reads routed meanwhile are measured.
            if (tick.Phase == RunPhase.WarmUp && tick.At == scenario.WarmUp)
            {
                BeginMeasurement(_clock.Now);
            }

            collector.Collect(tick.Phase);

            plan.Advance();
        }
    }

    private async Task<RunStopReason> WaitForEndAsync(long end, CancellationToken cancellationToken)
    {
        try
        {
            await _clock.DelayUntilAsync(end, cancellationToken).ConfigureAwait(false);
            return RunStopReason.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return RunStopReason.Cancelled;
        }
    }

    /// <summary>
    /// Gives in-flight operations the graceful stop to finish, then cancels every user's token and
    /// gives them as long again; whatever still runs after that is abandoned.
    /// </summary>
    private async Task DrainAsync(ILoadDriver driver, List<VirtualUserSlot> users)
    {
        if (await CompletesWithinAsync(driver.Completion, scenario.GracefulStop).ConfigureAwait(false))
        {
            return;
        }

        foreach (var user in users)
        {
            user.Cancellation.Cancel();
        }

        await CompletesWithinAsync(driver.Completion, scenario.GracefulStop).ConfigureAwait(false);
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan limit)
    {
        if (task.IsCompleted)
        {
            return true;
        }

        using var timeout = new CancellationTokenSource();
        var delay = _clock.DelayUntilAsync(_clock.Now + _clock.TicksOf(limit), timeout.Token);
        var first = await Task.WhenAny(task, delay).ConfigureAwait(false);
        timeout.Cancel();
        return first == task;
    }

    /// <summary>Closes any interval whose end has passed but the collector loop did not reach; returns the phase now.</summary>
    private RunPhase CatchUp(IntervalCollector collector, IntervalPlan plan)
    {
        var now = _clock.Now;
        while (plan.TryPeek(out var tick) && _clock.At(tick.At) <= now)
        {
            // Told before the collection: the slabs swap at its start, and what follows (the log,
            // the series, progress) takes long enough that reads routed meanwhile are measured.
            if (tick.Phase == RunPhase.WarmUp && tick.At == scenario.WarmUp)
            {
                BeginMeasurement(_clock.Now);
            }

            collector.Collect(tick.Phase);

            plan.Advance();
        }

        return plan.TryPeek(out var next) && next.Phase == RunPhase.WarmUp ? RunPhase.WarmUp : RunPhase.Measurement;
    }

    private static async Task<List<string>> DisposeUsersAsync(IEnumerable<VirtualUserSlot> users)
    {
        var warnings = new List<string>();
        foreach (var user in users)
        {
            try
            {
                await user.User.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                warnings.Add($"virtual user {user.Index} failed to dispose: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return warnings;
    }
}
