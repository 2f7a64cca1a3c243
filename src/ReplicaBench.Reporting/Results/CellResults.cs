namespace ReplicaBench.Reporting.Results;

/// <summary>One measured cell: a topology size, a routing policy and a scenario, with everything measured in it.</summary>
public sealed record CellResults
{
    /// <summary>Unique in the run (e.g. <c>r2-round-robin</c>); compare matches cells by it.</summary>
    public string Id { get; init; } = "";

    public int Replicas { get; init; }

    public string Policy { get; init; } = "";

    public string? Scenario { get; init; }

    public double DurationSeconds { get; init; }

    public long Operations { get; init; }

    /// <summary>Successful operations per second.</summary>
    public double Throughput { get; init; }

    public double? ReadThroughput { get; init; }

    public double? WriteThroughput { get; init; }

    public LatencyPercentiles? LatencyMs { get; init; }

    public long Errors { get; init; }

    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Null when staleness was not checked in this cell (distinct from 0 stale reads).</summary>
    public long? StaleReads { get; init; }

    public double? StaleReadRate { get; init; }

    /// <summary>Reads checked for staleness (the stale-read rate's denominator); null when the file does not say.</summary>
    public long? StaleChecked { get; init; }

    public long? ReadYourWritesViolations { get; init; }

    public LatencyPercentiles? StaleAgeMs { get; init; }

    public RoutingResults? Routing { get; init; }

    public IReadOnlyList<TimeSeriesPoint> TimeSeries { get; init; } = [];

    public IReadOnlyList<LagSample> Lag { get; init; } = [];

    public IReadOnlyList<VisibilityResult> Visibility { get; init; } = [];

    public IReadOnlyList<ThresholdResult> Thresholds { get; init; } = [];

    /// <summary>The faults the cell ran, with their windows; empty for a run without <c>--fault</c>.</summary>
    public IReadOnlyList<FaultResult> Faults { get; init; } = [];

    /// <summary>The files the cell wrote (histogram log, series); null in files that do not list them.</summary>
    public CellFiles? Files { get; init; }

    /// <summary>A short human label: "2 replicas, round-robin".</summary>
    public string Label => $"{Replicas} replica{(Replicas == 1 ? "" : "s")}, {Policy}";
}
