using System.Diagnostics.Metrics;

namespace ReplicaBench.Engine.Telemetry;

/// <summary>
/// The suite's live metrics: one <see cref="Meter"/> named <c>ReplicaBench</c> and its instruments,
/// for any exporter that listens (the CLI's Prometheus endpoint and OTLP; a <see cref="MeterListener"/> in tests).
/// </summary>
/// <remarks>
/// Names are Prometheus names already (snake case, <c>_total</c>, <c>_seconds</c>), so a scrape
/// shows them as written and the Grafana dashboard in docs/ can rely on them. The instruments are
/// static because a Meter is process-wide by nature: exporters find it by name, and a run that
/// nobody listens to pays one <see cref="Instrument.Enabled"/> check per operation.
/// </remarks>
public static class ReplicaBenchMeter
{
    public const string Name = "ReplicaBench";

    public const string OperationsName = "replicabench_operations_total";
    public const string OperationDurationName = "replicabench_operation_duration_seconds";
    public const string StaleReadsName = "replicabench_stale_reads_total";
    public const string ReplicaLagName = "replicabench_replica_lag_seconds";

    /// <summary>The <c>outcome</c> tag of a succeeded operation.</summary>
    public const string Success = "success";

    /// <summary>The <c>outcome</c> tag of a failed operation (the error kinds are in results.json; as tags they could grow without bound).</summary>
    public const string Error = "error";

    public static readonly Meter Meter = new(Name, typeof(ReplicaBenchMeter).Assembly.GetName().Version?.ToString());

    /// <summary>Operations completed, tagged <c>cell</c>, <c>node</c>, <c>operation</c>, <c>outcome</c>: warm-up included, cancelled-at-stop excluded.</summary>
    public static readonly Counter<long> Operations = Meter.CreateCounter<long>(
        OperationsName, unit: null, description: "Operations completed (succeeded or failed), warm-up included.");

    /// <summary>Latency of succeeded operations in seconds, tagged like <see cref="Operations"/>.</summary>
    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        OperationDurationName, unit: "s", description: "Latency of succeeded operations.");

    /// <summary>Reads checked for staleness and found stale, tagged <c>cell</c>, <c>node</c>, <c>operation</c>.</summary>
    public static readonly Counter<long> StaleReads = Meter.CreateCounter<long>(
        StaleReadsName, unit: null, description: "Reads that returned a version older than the latest acknowledged write.");

    /// <summary>The latest server replay lag per replica (tag <c>replica</c>), as the lag sampler last read it.</summary>
    public static readonly ObservableGauge<double> ReplicaLag = Meter.CreateObservableGauge(
        ReplicaLagName, ReplicaLagReadings.Shared.Observe, unit: "s", description: "pg_stat_replication.replay_lag per replica, 0 when streaming and caught up.");
}
