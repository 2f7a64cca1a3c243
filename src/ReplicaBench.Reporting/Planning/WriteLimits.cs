using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Reporting.Report;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// The replay limits that <c>limits</c> runs measured, as the planner uses them: every replica
/// replays the primary's whole write load, however many there are, so a target write rate above
/// any measured replica's sustainable rate rules out every topology with replicas.
/// </summary>
internal sealed class WriteLimits
{
    private readonly IReadOnlyList<WriteLimit> _replicas;

    private WriteLimits(IReadOnlyList<WriteLimit> replicas) => _replicas = replicas;

    /// <summary>Whether any limits run was given.</summary>
    public bool Measured => _replicas.Count > 0;

    /// <summary>Every replica of the <paramref name="limitsRuns"/> (folders whose results.json has <c>limits</c>).</summary>
    public static WriteLimits Of(IReadOnlyList<RunFolder> limitsRuns) => new([.. limitsRuns.SelectMany(Replicas)]);

    /// <summary>
    /// Why no topology with replicas can carry <paramref name="writes"/> per second with
    /// <paramref name="usable"/> of each replica's measured replay capacity; null when every
    /// measured replica can (or none was measured).
    /// </summary>
    public string? Problem(double writes, double usable)
    {
        var problems = _replicas.Select(r => r.Problem(writes, usable)).OfType<string>().ToList();
        return problems.Count == 0 ? null : "replicas cannot keep up with the writes: " + string.Join("; ", problems);
    }

    /// <summary>The assumption the plan makes about replay, with or without a limits run.</summary>
    public string Assumption(double writes) => Measured
        ? "Replay capacity: a topology with replicas is recommended only if every replica the limits runs measured keeps up with the target's writes with the headroom " +
            $"({string.Join("; ", _replicas.Select(Describe))}); the plan's replicas are assumed no smaller than those."
        : $"No limits run was given, so whether a replica's replay keeps up with {Format.Number(writes)} writes/s for longer than a load cell is not checked; " +
            "run 'replicabench limits --write-rates ...' with rates around the target on replicas of the planned size, and pass its folder to plan as well.";

    private static string Describe(WriteLimit limit) => limit.Sustainable switch
    {
        null => $"{limit.Name} fell behind at every step from {Format.Number(limit.LowestStep)} writes/s",
        { } rate when limit.KeptUpAtEveryStep => $"{limit.Name} kept up at every step, up to {Format.Number(rate)} writes/s",
        { } rate => $"{limit.Name} keeps up to ~{Format.Number(rate)} writes/s",
    };

    private static IEnumerable<WriteLimit> Replicas(RunFolder folder)
    {
        var run = folder.Load!.Run;
        var limits = folder.Load.Limits!;
        if (limits.Steps.Count == 0)
        {
            yield break;
        }

        var name = string.IsNullOrEmpty(run.Id) ? Path.GetFileName(folder.Directory.TrimEnd('/')) : run.Id;
        var (lowest, highest) = (limits.Steps.Min(s => s.Rate), limits.Steps.Max(s => s.Rate));
        foreach (var (replica, sustainable) in limits.SustainableWriteRate.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var fellBehind = limits.Steps.Any(s => s.Replicas.TryGetValue(replica, out var lag) && lag.FallingBehind);
            yield return new WriteLimit(name, replica, LimitsSentence.Cpu(run, limits, replica), sustainable, !fellBehind && sustainable >= highest, lowest, highest);
        }
    }
}
