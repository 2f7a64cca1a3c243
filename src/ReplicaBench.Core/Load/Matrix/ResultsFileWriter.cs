using System.Globalization;
using System.Text.Json;
using ReplicaBench.Load.Faults;
using ReplicaBench.Load.Memory;
using ReplicaBench.Load.Results;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Load.Matrix;

/// <summary>
/// Writes <c>results.json</c> as /work/RESULTS_SCHEMA.md (documented in loadtests/README.md)
/// defines it: the contract that reports, compare and plan read. Rewritten in full after every cell
/// through a temporary file and a rename, so a reader (or a run killed mid-write) never sees half a
/// document. Numbers are written by <see cref="Utf8JsonWriter"/>, which is culture-invariant.
/// </summary>
public static class ResultsFileWriter
{
    /// <summary>The version of the shape written; readers refuse a higher one.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The file name inside the run folder.</summary>
    public const string FileName = "results.json";

    /// <summary>Writes the whole document to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cells);
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            WriteDocument(json, run, settings, cells);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes the whole document to a string (for tests and tools).</summary>
    public static string ToJson(RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            WriteDocument(json, run, settings, cells);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteDocument(Utf8JsonWriter json, RunMetadata run, IReadOnlyDictionary<string, object?> settings, IReadOnlyList<MatrixCell> cells)
    {
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        WriteRun(json, run, settings);
        json.WriteStartArray("cells");
        foreach (var cell in cells)
        {
            WriteCell(json, cell);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRun(Utf8JsonWriter json, RunMetadata run, IReadOnlyDictionary<string, object?> settings)
    {
        json.WriteStartObject("run");
        json.WriteString("id", run.Id);
        json.WriteString("startedAt", Timestamp(run.StartedAt));
        if (run.FinishedAt is { } finished)
        {
            json.WriteString("finishedAt", Timestamp(finished));
        }
        else
        {
            json.WriteNull("finishedAt");
        }

        json.WriteBoolean("complete", run.Complete);
        json.WriteStartObject("suite");
        json.WriteString("version", run.Suite.Version);
        json.WriteString("commit", run.Suite.Commit);
        json.WriteEndObject();
        json.WriteStartObject("machine");
        json.WriteString("hostName", run.Machine.HostName);
        json.WriteString("os", run.Machine.Os);
        json.WriteString("processor", run.Machine.Processor);
        json.WriteNumber("cores", run.Machine.Cores);
        json.WriteNumber("memoryGiB", run.Machine.MemoryGiB);
        json.WriteEndObject();
        json.WriteStartObject("postgres");
        if (run.PostgresVersion is null)
        {
            json.WriteNull("version");
        }
        else
        {
            json.WriteString("version", run.PostgresVersion);
        }

        json.WriteEndObject();
        json.WriteString("provider", run.Provider);
        json.WriteBoolean("sameHost", run.SameHost);
        json.WritePropertyName("settings");
        JsonSerializer.Serialize(json, settings, ResultsJsonContext.Default.IReadOnlyDictionaryStringObject);
        json.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter json, MatrixCell cell)
    {
        var result = cell.Result;
        var total = result.Total;
        var seconds = result.MeasuredDuration.TotalSeconds;
        json.WriteStartObject();
        json.WriteString("id", cell.Id);
        json.WriteNumber("replicas", cell.Replicas);
        json.WriteString("policy", cell.Policy);
        json.WriteString("scenario", cell.Scenario);
        WriteMix(json, cell.Mix);
        json.WriteBoolean("partial", result.IsPartial);
        json.WriteNumber("durationSeconds", Round(seconds));
        json.WriteNumber("warmUpSeconds", Round(result.WarmUpDuration.TotalSeconds));
        json.WriteNumber("operations", total.Succeeded);
        json.WriteNumber("throughput", Round(total.Throughput));
        var reads = result.Operations.Where(o => o.Kind == Routing.OperationKind.Read).Sum(o => o.Stats.Succeeded);
        var writes = result.Operations.Where(o => o.Kind == Routing.OperationKind.Write).Sum(o => o.Stats.Succeeded);
        json.WriteNumber("readThroughput", Round(seconds > 0 ? reads / seconds : 0));
        json.WriteNumber("writeThroughput", Round(seconds > 0 ? writes / seconds : 0));
        WriteLatency(json, "latencyMs", total.Latency);
        json.WriteNumber("errors", total.Failed);
        WriteErrorsByKind(json, total.ErrorsByKind);
        json.WriteNumber("staleReads", total.StaleReads);
        json.WriteNumber("staleReadRate", Round(total.StaleReadRate ?? 0, 6));
        json.WriteNumber("readYourWritesViolations", total.ReadYourWritesViolations);
        json.WriteStartObject("staleAgeMs");
        json.WriteNumber("p50", Ms(total.StaleAge.P50));
        json.WriteNumber("p99", Ms(total.StaleAge.P99));
        json.WriteNumber("max", Ms(total.StaleAge.Max));
        json.WriteEndObject();
        WriteArrivals(json, result.Arrivals);
        json.WriteStartObject("virtualUsers");
        json.WriteNumber("count", result.VirtualUsers.Operations.Count);
        json.WriteNumber("minOperations", result.VirtualUsers.Min);
        json.WriteNumber("maxOperations", result.VirtualUsers.Max);
        json.WriteEndObject();
        WriteNodes(json, result.Nodes);
        WriteOperations(json, result.Operations);
        json.WriteStartObject("routing");
        json.WriteNumber("fallbacks", cell.Fallbacks);
        json.WriteStartArray("intendedVsServed");
        foreach (var pair in cell.IntendedVsServed)
        {
            json.WriteStartObject();
            json.WriteString("intended", pair.Intended);
            json.WriteString("served", pair.Served);
            json.WriteNumber("reads", pair.Reads);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        WriteMemory(json, MemoryGrowth.From(result));
        WriteTimeSeries(json, result.TimeSeries);
        WriteLag(json, cell.Lag);
        WriteVisibility(json, cell.Visibility);
        json.WriteStartArray("thresholds");
        foreach (var threshold in result.Thresholds)
        {
            json.WriteStartObject();
            json.WriteString("expression", threshold.Threshold.Text);
            json.WriteString("actual", threshold.ActualText);
            json.WriteBoolean("passed", threshold.Passed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (cell.Faults is { } faults)
        {
            WriteFaults(json, faults);
        }

        json.WriteStartObject("files");
        if (cell.HistogramLog is not null)
        {
            json.WriteString("histogramLog", cell.HistogramLog);
        }

        if (cell.Series is not null)
        {
            json.WriteString("series", cell.Series);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteMix(Utf8JsonWriter json, WorkloadMix? mix)
    {
        if (mix is null)
        {
            return;
        }

        json.WriteStartObject("mix");
        foreach (var (operation, percent) in mix.Weights)
        {
            json.WriteNumber(operation.Name(), percent);
        }

        json.WriteEndObject();
    }

    private static void WriteMemory(Utf8JsonWriter json, MemoryGrowth? memory)
    {
        if (memory is null)
        {
            json.WriteNull("memory");
            return;
        }

        json.WriteStartObject("memory");
        WriteMemorySeries(json, "workingSetMB", memory.WorkingSet);
        WriteMemorySeries(json, "managedHeapMB", memory.ManagedHeap);
        json.WriteNumber("samples", memory.Samples);
        json.WriteEndObject();
    }

    private static void WriteMemorySeries(Utf8JsonWriter json, string name, MemorySeriesSummary series)
    {
        json.WriteStartObject(name);
        json.WriteNumber("baseline", Round(series.Baseline, 1));
        json.WriteNumber("max", Round(series.Max, 1));
        json.WriteNumber("end", Round(series.End, 1));
        json.WriteNumber("growth", Round(series.Growth, 1));
        json.WriteNumber("maxGrowth", Round(series.MaxGrowth, 1));
        json.WriteEndObject();
    }

    private static void WriteArrivals(Utf8JsonWriter json, ArrivalStats? arrivals)
    {
        json.WriteNumber("late", arrivals?.Late ?? 0);
        json.WriteNumber("dropped", arrivals?.Dropped ?? 0);
        if (arrivals is null)
        {
            json.WriteNull("targetRate");
            json.WriteNull("achievedRate");
            json.WriteNull("scheduled");
        }
        else
        {
            json.WriteNumber("targetRate", Round(arrivals.TargetRate));
            json.WriteNumber("achievedRate", Round(arrivals.AchievedRate));
            // Poisson arrivals draw their count: over 10 s at 2,000/s one standard deviation is 0.7%,
            // so "achieved vs target" alone cannot tell a slow engine from the draw; this can.
            json.WriteNumber("scheduled", arrivals.Scheduled);
        }
    }

    private static void WriteNodes(Utf8JsonWriter json, IReadOnlyList<NodeResult> nodes)
    {
        json.WriteStartArray("nodes");
        foreach (var node in nodes)
        {
            json.WriteStartObject();
            json.WriteString("name", node.Name);
            json.WriteString("role", node.Role switch { NodeRole.Primary => "primary", NodeRole.Replica => "replica", _ => "unknown" });
            json.WriteNumber("reads", node.Reads);
            json.WriteNumber("writes", node.Writes);
            json.WriteNumber("errors", node.Stats.Failed);
            WriteLatency(json, "latencyMs", node.Stats.Latency);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteOperations(Utf8JsonWriter json, IReadOnlyList<OperationResult> operations)
    {
        json.WriteStartArray("operationsByType");
        foreach (var operation in operations)
        {
            json.WriteStartObject();
            json.WriteString("operation", operation.Name);
            json.WriteNumber("count", operation.Stats.Succeeded);
            json.WriteNumber("errors", operation.Stats.Failed);
            json.WriteNumber("staleReads", operation.Stats.StaleReads);
            WriteLatency(json, "latencyMs", operation.Stats.Latency);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTimeSeries(Utf8JsonWriter json, IReadOnlyList<TimeSeriesPoint> points)
    {
        json.WriteStartArray("timeSeries");
        var measured = points.Where(p => p.Phase == RunPhase.Measurement).ToArray();
        // t counts from the start of the measured window, like the lag samples' t and the charts' axis.
        var origin = measured.Length > 0 ? measured[0].Start : TimeSpan.Zero;
        foreach (var point in measured)
        {
            json.WriteStartObject();
            json.WriteNumber("t", Round((point.End - origin).TotalSeconds));
            json.WriteNumber("throughput", Round(point.Throughput));
            json.WriteNumber("p50Ms", Ms(point.Latency.P50));
            json.WriteNumber("p99Ms", Ms(point.Latency.P99));
            json.WriteNumber("errors", point.Failed);
            json.WriteNumber("staleReads", point.StaleReads);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteLag(Utf8JsonWriter json, IReadOnlyList<LagPoint> lag)
    {
        json.WriteStartArray("lag");
        foreach (var point in lag)
        {
            json.WriteStartObject();
            json.WriteNumber("t", Round(point.T));
            json.WriteString("replica", point.Replica);
            WriteNullable(json, "replayLagMs", point.ReplayLagMs);
            if (point.ByteLag is { } bytes)
            {
                json.WriteNumber("byteLag", bytes);
            }
            else
            {
                json.WriteNull("byteLag");
            }

            WriteNullable(json, "replayAgeMs", point.ReplayAgeMs);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    // Present only when the cell ran a fault schedule (--fault); readers treat it as absent otherwise.
    private static void WriteFaults(Utf8JsonWriter json, IReadOnlyList<FaultWindow> faults)
    {
        json.WriteStartArray("faults");
        foreach (var window in faults)
        {
            json.WriteStartObject();
            json.WriteString("kind", window.Fault.Kind.Name());
            json.WriteString("node", window.Fault.Node);
            json.WriteNumber("at", Round(window.Fault.At.TotalSeconds));
            WriteNullable(json, "startedAt", window.StartedAt);
            WriteNullable(json, "completedAt", window.CompletedAt);
            if (window.Error is null)
            {
                json.WriteNull("error");
            }
            else
            {
                json.WriteString("error", window.Error);
            }

            WriteNullable(json, "firstErrorAt", window.FirstErrorAt);
            WriteNullable(json, "lastErrorAt", window.LastErrorAt);
            json.WriteNumber("errors", window.Errors);
            WriteErrorsByKind(json, window.ErrorsByKind);
            WriteNullable(json, "preFaultThroughput", window.PreFaultThroughput);
            WriteNullable(json, "lowestThroughput", window.LowestThroughput);
            WriteNullable(json, "recoveryMs", window.RecoveryMs);
            json.WriteNumber("readsRedirected", window.ReadsRedirected);
            json.WriteNumber("readsRedirectedToPrimary", window.ReadsRedirectedToPrimary);
            json.WriteNumber("staleReads", window.StaleReads);
            WriteNullable(json, "writeUnavailableMs", window.WriteUnavailableMs);
            if (window.Promoted is null)
            {
                json.WriteNull("promoted");
            }
            else
            {
                json.WriteString("promoted", window.Promoted);
            }

            json.WriteStartArray("leftOut");
            foreach (var replica in window.LeftOut)
            {
                json.WriteStringValue(replica);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteVisibility(Utf8JsonWriter json, IReadOnlyList<CellVisibility> visibility)
    {
        json.WriteStartArray("visibility");
        foreach (var replica in visibility)
        {
            json.WriteStartObject();
            json.WriteString("replica", replica.Replica);
            json.WriteNumber("samples", replica.Samples);
            json.WriteNumber("timeouts", replica.Timeouts);
            WriteNullable(json, "p50Ms", replica.P50Ms);
            WriteNullable(json, "p90Ms", replica.P90Ms);
            WriteNullable(json, "p99Ms", replica.P99Ms);
            WriteNullable(json, "maxMs", replica.MaxMs);
            WriteNullable(json, "resolutionMs", replica.ResolutionMs);
            if (replica.Histogram is { } histogram)
            {
                json.WriteString("histogram", histogram);
            }

            if (replica.Error is { } error)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteErrorsByKind(Utf8JsonWriter json, IReadOnlyDictionary<string, long> errors)
    {
        json.WriteStartObject("errorsByKind");
        foreach (var (kind, count) in errors.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(kind, count);
        }

        json.WriteEndObject();
    }

    private static void WriteLatency(Utf8JsonWriter json, string name, LatencySummary latency)
    {
        json.WriteStartObject(name);
        json.WriteNumber("p50", Ms(latency.P50));
        json.WriteNumber("p90", Ms(latency.P90));
        json.WriteNumber("p95", Ms(latency.P95));
        json.WriteNumber("p99", Ms(latency.P99));
        json.WriteNumber("p999", Ms(latency.P999));
        json.WriteNumber("max", Ms(latency.Max));
        json.WriteNumber("mean", Round(latency.Mean / 1000.0));
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, Round(v));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Ms(long microseconds) => Round(LatencySummary.ToMilliseconds(microseconds));

    private static double Round(double value, int digits = 3) =>
        double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : 0;

    private static string Timestamp(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
