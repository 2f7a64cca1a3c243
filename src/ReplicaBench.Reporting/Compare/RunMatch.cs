using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Compare;

/// <summary>Refuses to compare runs of different workloads: their differences would be the workloads', not the build's.</summary>
internal static class RunMatch
{
    /// <summary>The runs of one side (several baseline runs, or several candidate runs) must be of one workload too.</summary>
    public static void EnsureAlike(string side, IReadOnlyList<RunFolder> folders)
    {
        if (folders.Count == 0)
        {
            throw new BadInputException($"no {side} run given; name at least one run folder.");
        }

        foreach (var other in folders.Skip(1))
        {
            var (first, second) = (folders[0].Load?.Run, other.Load?.Run);
            if (first is not null && second is not null && (!string.Equals(first.Scenario, second.Scenario, StringComparison.Ordinal) || !string.Equals(first.Mix, second.Mix, StringComparison.Ordinal)))
            {
                throw new BadInputException(
                    $"the {side} runs do not match: {folders[0].Directory} ran '{first.Mix ?? first.Scenario}', {other.Directory} '{second.Mix ?? second.Scenario}'; the runs of one side must be of the same workload.");
            }
        }
    }

    public static void Ensure(RunFolder baseline, RunFolder candidate)
    {
        var baseScenario = baseline.Load?.Run.Scenario;
        var candidateScenario = candidate.Load?.Run.Scenario;
        if (baseline.Load is not null && candidate.Load is not null && !string.Equals(baseScenario, candidateScenario, StringComparison.Ordinal))
        {
            throw new BadInputException($"the runs do not match: baseline scenario '{baseScenario}', candidate '{candidateScenario}'; compare runs of the same scenario.");
        }

        // Two 'custom' runs (--mix) share a scenario name but not necessarily a workload.
        var baseMix = baseline.Load?.Run.Mix;
        var candidateMix = candidate.Load?.Run.Mix;
        if (baseMix is not null && candidateMix is not null && !string.Equals(baseMix, candidateMix, StringComparison.Ordinal))
        {
            throw new BadInputException($"the runs do not match: baseline mix '{baseMix}', candidate '{candidateMix}'; compare runs of the same mix.");
        }
    }
}
