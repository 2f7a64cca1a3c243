namespace ReplicaBench.Reporting.Compare;

/// <summary>One metric compare judges in every load cell, each with the noise model that fits it.</summary>
internal interface ILoadMetric
{
    /// <summary>The change of one cell's metric between the runs' repeats; null when either run did not measure it.</summary>
    MetricChange? Compare(string cell, IReadOnlyList<CellEvidence> baseline, IReadOnlyList<CellEvidence> candidate, double minimumChange, int seed);
}
