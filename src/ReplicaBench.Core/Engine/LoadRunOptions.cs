using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine;

/// <summary>How to run a scenario, as opposed to what it does: clock, output files, progress, samples.</summary>
public sealed record LoadRunOptions
{
    public static readonly TimeSpan MinReportInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxReportInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The clock. <see cref="TimeProvider.System"/> runs for real (the open model then paces
    /// arrivals on a dedicated thread with a sub-millisecond sleep); any other provider, such as a
    /// fake clock in tests, is driven purely through its timers.
    /// </summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where to stream the interval log and the series; null streams nothing.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>File name stem of the streamed files; the scenario name when null. Existing files are replaced.</summary>
    public string? FileStem { get; init; }

    /// <summary>
    /// The streamed files' names, for a caller whose contract names them (a matrix cell's
    /// <c>latency.hlog</c> and <c>series.jsonl</c>); null names them after <see cref="FileStem"/>.
    /// Existing files are replaced.
    /// </summary>
    public RunFileNames? FileNames { get; init; }

    internal RunFileNames FileNamesFor(LoadScenario scenario) => FileNames ?? RunFileNames.ForStem(FileStem ?? scenario.Name);

    /// <summary>Length of one time-series interval.</summary>
    /// <value>One second.</value>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Told about each interval as it closes, on the collector's thread (keep it quick).</summary>
    public IProgress<TimeSeriesPoint>? Progress { get; init; }

    /// <summary>Values from other components (e.g. server-side replication lag) to put on the run's timeline.</summary>
    public ExternalSamples? Samples { get; init; }

    /// <summary>
    /// Told once, on the run's own thread, the moment the run's clock starts (the warm-up begins),
    /// with that moment as a <see cref="TimeProvider.GetTimestamp"/> value of <see cref="TimeProvider"/>.
    /// Every offset in the series counts from it, so a component that acts on the run's timeline
    /// (a fault schedule) aligns its events with the series from here. Keep it quick.
    /// </summary>
    public Action<long>? Started { get; init; }

    /// <summary>
    /// When set, the run creates its virtual users (and their connections) first, then waits until
    /// this wall-clock instant of <see cref="TimeProvider"/> before its clock starts: shards of one
    /// matrix start their load together whatever their connections took. An instant already past
    /// starts at once.
    /// </summary>
    public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// Told once, on the collector's thread, the moment the measured window begins: just before the
    /// last warm-up interval is collected (or with <see cref="Started"/> when there is no warm-up).
    /// An operation that completes from here on is measured, so a component that counts beside the
    /// engine (the served-staleness recorder) starts counting here, not at the planned end of the
    /// warm-up, which the collector's timer reaches a few milliseconds late. Keep it quick.
    /// </summary>
    public Action<long>? MeasurementStarted { get; init; }

    /// <summary>
    /// Told once, on the run's own thread, when the measured window's operations have drained (the
    /// last ones it counts have finished): with <see cref="MeasurementStarted"/>, the span a
    /// component measuring beside the engine (the nodes' CPU) covers. Keep it quick.
    /// </summary>
    public Action<long>? MeasurementEnded { get; init; }

    /// <summary>
    /// The <c>cell</c> tag of the run's live metrics (<see cref="Telemetry.ReplicaBenchMeter"/>): the
    /// matrix cell's id, so that a dashboard tells cells apart; the scenario's name when null.
    /// </summary>
    public string? MetricsCell { get; init; }

    /// <summary>
    /// This process's CPU time so far (user + system), read at both ends of the measured window for
    /// <see cref="RunResults.LoadRunResult.GeneratorCpu"/>; by default <see cref="Environment.CpuUsage"/>.
    /// A test gives a fake one to know the answer.
    /// </summary>
    public Func<TimeSpan> ProcessCpuTime { get; init; } = static () => Environment.CpuUsage.TotalTime;

    internal void Validate()
    {
        if (ReportInterval < MinReportInterval || ReportInterval > MaxReportInterval)
        {
            throw new BadInputException(
                $"report interval {Configuration.DurationParser.Format(ReportInterval)} is out of range; use 100ms to 1m, e.g. 1s.");
        }

        if (FileStem is not null && !LoadScenario.IsValidName(FileStem))
        {
            throw new BadInputException(
                $"file stem '{FileStem}' may only contain letters, digits, '-' and '_'; choose another, e.g. read-heavy-2r.");
        }

        if (FileNames is not null)
        {
            if (FileStem is not null)
            {
                throw new BadInputException($"both a file stem ('{FileStem}') and file names ('{FileNames.IntervalLog}', '{FileNames.Series}') are set; set one of them.");
            }

            FileNames.Validate();
        }

        if (Samples is not null && !ReferenceEquals(Samples.TimeProvider, TimeProvider))
        {
            throw new ArgumentException("ExternalSamples must be created with the run's TimeProvider, or their timestamps cannot be placed on its timeline.", nameof(Samples));
        }
    }
}
