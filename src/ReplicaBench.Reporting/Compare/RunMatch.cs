using ReplicaBench.Reporting.Inputs;

namespace ReplicaBench.Reporting.Compare;

/// <summary>Refuses to compare runs of different workloads: their differences would be the workloads', not the build's.</summary>
internal static class RunMatch
{
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
