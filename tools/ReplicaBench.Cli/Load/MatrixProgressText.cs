using System.Globalization;
using ReplicaBench.Configuration;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Runs;

namespace ReplicaBench.Cli.Load;

/// <summary>The words both progress views use, so the live view and the CI log say the same thing.</summary>
internal static class MatrixProgressText
{
    public static string Line(string cell, TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"load: {cell} {Phase(point)} t={point.End.TotalSeconds:0}s ops/s={point.Throughput:0} p99={point.Latency.P99 / 1000.0:0.###}ms errors={point.Failed} stale={(point.StaleChecked == 0 ? "-" : point.StaleReads)} lag={Lag(replayLagMs)}");

    public static string Summary(MatrixCell cell)
    {
        var total = cell.Result.Total;
        var replicaReads = cell.Result.Nodes.Where(n => n.Role == ReplicaBench.Engine.NodeRole.Replica).Sum(n => n.Reads);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{cell.Id}{(cell.Result.IsPartial ? " (interrupted)" : "")}: {total.Throughput:0} ops/s, p50 {total.Latency.P50 / 1000.0:0.###} ms, p99 {total.Latency.P99 / 1000.0:0.###} ms, errors {total.Failed}{ErrorRate(total.Succeeded, total.Failed)}, stale reads {(total.StaleChecked == 0 ? "not checked" : total.StaleReads)}, replica reads {replicaReads}{Arrivals(cell.Result.Arrivals)}{Memory(MemoryGrowth.From(cell.Result))}");
    }

    /// <summary>A flag on a cell that failed more than 5% of its operations, whose figures count the rest.</summary>
    private static string ErrorRate(long succeeded, long failed) =>
        ReplicaBench.Results.HighErrorRate.For(succeeded, failed) is { } flag ? $" (HIGH {flag.Describe()}: its figures count successes only)" : "";

    /// <summary>Open model: the window's books (scheduled = started + dropped) and how late arrivals started.</summary>
    private static string Arrivals(ArrivalStats? arrivals) => arrivals is null
        ? ""
        : string.Create(
            CultureInfo.InvariantCulture,
            $", arrivals {arrivals.Started} of {arrivals.Scheduled} started ({arrivals.Dropped} dropped), schedule lag p50 {arrivals.ScheduleLagP50Ms ?? 0:0.###} ms p99 {arrivals.ScheduleLagP99Ms ?? 0:0.###} ms max {arrivals.ScheduleLagMaxMs ?? 0:0.###} ms");

    /// <summary>What a load command would run, e.g. <c>4 cell(s): read-heavy on 0, 2 replica(s) × primary-only, round-robin; closed, 16 VUs; 30s per cell after 5s of warm-up</c>.</summary>
    public static string Plan(LoadMatrixSettings settings)
    {
        var topologies = settings.Replicas is { } replicas
            ? $"{string.Join(", ", replicas)} replica(s)"
            : $"the topology in {settings.StateDirectory?.Path}";
        var cells = (settings.Replicas?.Count ?? 1) * settings.Policies.Count * settings.Repeat * settings.FeedbackValues;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{cells} cell(s): {settings.Scenario.Name} on {topologies} × {string.Join(", ", settings.Policies.Select(p => p.Name))}{(settings.Repeat > 1 ? $", each {settings.Repeat} times" : "")}{(settings.HotStandbyFeedback is { } feedback ? $", each with hot_standby_feedback {string.Join(" then ", feedback.Select(on => on ? "on" : "off"))}" : "")}; {settings.Load.Describe()}; {DurationParser.Format(settings.Duration)} per cell after {DurationParser.Format(settings.WarmUp)} of warm-up{(settings.Faults.IsEmpty ? "" : $"; faults {settings.Faults}")}{(settings.NodeBudget.IsEmpty ? "" : $"; emulated nodes: {settings.NodeBudget}")}");
    }

    /// <summary>The load generator's own working set over the measured window, so a leak shows in every run's log.</summary>
    public static string Memory(MemoryGrowth? memory) =>
        memory is null
            ? ""
            : string.Create(
                CultureInfo.InvariantCulture,
                $", memory {memory.WorkingSet.Baseline:0} MB after warm-up, {memory.WorkingSet.Growth:+0.0;-0.0;+0.0} MB by the end (max {memory.WorkingSet.MaxGrowth:+0.0;-0.0;+0.0} MB)");

    /// <summary>Width of the progress bar in characters, brackets excluded.</summary>
    public const int BarWidth = 30;

    /// <summary>The live view's one progress line, e.g. <c>[#########.....................]  30%  ETA 1m 05s  cell 2/4 r1-round-robin: measuring</c>.</summary>
    public static string Bar(double fraction, TimeSpan remaining, string caption, bool unicode)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * BarWidth);
        var (done, todo) = unicode ? ('█', '░') : ('#', '.');
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{new string(done, filled)}{new string(todo, BarWidth - filled)}] {fraction * 100,3:0}%  ETA {Eta(remaining)}  {caption}");
    }

    /// <summary>Time left as a person reads it: <c>45s</c>, <c>3m 05s</c>, <c>1h 02m</c>.</summary>
    public static string Eta(TimeSpan remaining)
    {
        var seconds = (long)Math.Ceiling(Math.Max(0, remaining.TotalSeconds));
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds}s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m {seconds % 60:00}s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600}h {seconds % 3600 / 60:00}m"),
        };
    }

    public static string Phase(TimeSeriesPoint point) => point.Phase == RunPhase.WarmUp ? "warm-up" : "measure";

    public static string Lag(IReadOnlyDictionary<string, double> replayLagMs) =>
        replayLagMs.Count == 0
            ? "-"
            : string.Join(',', replayLagMs.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}:{p.Value:0.#}ms")));
}
