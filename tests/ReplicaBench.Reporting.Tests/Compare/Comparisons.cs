using ReplicaBench.Reporting.Compare;
using ReplicaBench.Reporting.Inputs;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>Compares two test run folders at the default 5% threshold and picks out one metric's change.</summary>
internal static class Comparisons
{
    public static ComparisonResult Of(TempRunFolder baseline, TempRunFolder candidate) =>
        RunComparer.Compare(RunFolderReader.Read(baseline.Path), RunFolderReader.Read(candidate.Path), 0.05);

    public static MetricChange Change(ComparisonResult result, string metric) => result.Changes.Single(c => c.Metric == metric);
}
