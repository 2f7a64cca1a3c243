using System.Buffers;
using System.Text.Json;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Output;

/// <summary>
/// Streams the time series as JSON lines: a first <c>"record":"run"</c> line describing the run,
/// then one <c>"record":"interval"</c> object per interval, flushed as each interval closes.
/// Names are camelCase; latencies are microseconds, times are seconds from the run start.
/// </summary>
internal sealed class SeriesWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    public SeriesWriter(string path, LoadScenario scenario, DateTimeOffset startedAt, TimeSpan interval)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        WriteLine(json =>
        {
            json.WriteString("record", "run");
            json.WriteString("scenario", scenario.Name);
            json.WriteString("load", scenario.Load.Describe());
            json.WriteString("startedAt", startedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("warmUpS", scenario.WarmUp.TotalSeconds);
            json.WriteNumber("durationS", scenario.Duration.TotalSeconds);
            json.WriteNumber("intervalS", interval.TotalSeconds);
        });
    }

    public void Write(TimeSeriesPoint point)
    {
        WriteLine(json =>
        {
            json.WriteString("record", "interval");
            json.WriteNumber("index", point.Index);
            json.WriteString("phase", point.Phase == RunPhase.WarmUp ? "warmup" : "measurement");
            json.WriteNumber("startS", Math.Round(point.Start.TotalSeconds, 6));
            json.WriteNumber("endS", Math.Round(point.End.TotalSeconds, 6));
            json.WriteNumber("completed", point.Completed);
            json.WriteNumber("succeeded", point.Succeeded);
            json.WriteNumber("failed", point.Failed);
            json.WriteNumber("throughput", Math.Round(point.Throughput, 3));
            json.WriteStartObject("latencyUs");
            WriteLatency(json, point.Latency);
            json.WriteEndObject();
            json.WriteStartObject("errors");
            foreach (var (kind, count) in point.ErrorsByKind)
            {
                json.WriteNumber(kind, count);
            }

            json.WriteEndObject();
            json.WriteNumber("staleChecked", point.StaleChecked);
            json.WriteNumber("staleReads", point.StaleReads);
            json.WriteNumber("rywViolations", point.ReadYourWritesViolations);
            json.WriteNumber("scheduled", point.Scheduled);
            json.WriteNumber("started", point.Started);
            json.WriteNumber("late", point.Late);
            json.WriteNumber("dropped", point.Dropped);
            WriteBreakdown(json, "operations", point.ByOperation);
            WriteBreakdown(json, "nodes", point.ByNode);
            json.WriteStartArray("samples");
            foreach (var sample in point.Samples)
            {
                json.WriteStartObject();
                json.WriteString("series", sample.Series);
                json.WriteNumber("atS", Math.Round(sample.Offset.TotalSeconds, 6));
                json.WriteNumber("value", sample.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    public void Dispose() => _stream.Dispose();

    private static void WriteLatency(Utf8JsonWriter json, LatencySummary latency)
    {
        json.WriteNumber("count", latency.Count);
        json.WriteNumber("mean", Math.Round(latency.Mean, 3));
        json.WriteNumber("p50", latency.P50);
        json.WriteNumber("p90", latency.P90);
        json.WriteNumber("p95", latency.P95);
        json.WriteNumber("p99", latency.P99);
        json.WriteNumber("p999", latency.P999);
        json.WriteNumber("max", latency.Max);
    }

    private static void WriteBreakdown(Utf8JsonWriter json, string name, IReadOnlyList<SeriesBreakdown> rows)
    {
        json.WriteStartArray(name);
        foreach (var row in rows)
        {
            json.WriteStartObject();
            json.WriteString("name", row.Name);
            json.WriteNumber("succeeded", row.Succeeded);
            json.WriteNumber("failed", row.Failed);
            json.WriteNumber("p50Us", row.P50);
            json.WriteNumber("p99Us", row.P99);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private void WriteLine(Action<Utf8JsonWriter> body)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        _buffer.Write("\n"u8);
        _stream.Write(_buffer.WrittenSpan);
        _stream.Flush(flushToDisk: false);
    }
}
