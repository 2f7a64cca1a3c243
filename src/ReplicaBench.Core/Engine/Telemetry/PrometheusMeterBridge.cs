using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Prometheus;

namespace ReplicaBench.Engine.Telemetry;

/// <summary>
/// Publishes the <see cref="ReplicaBenchMeter"/> instruments to a prometheus-net registry under
/// their own names. prometheus-net's <c>MeterAdapter</c> would prefix the meter's name
/// (<c>replicabench_replicabench_operations_total</c>), which breaks the names the dashboard and the
/// docs promise; Npgsql's meter still goes through the adapter.
/// </summary>
internal sealed class PrometheusMeterBridge : IDisposable
{
    private static readonly string[] OperationLabels = ["cell", "node", "operation", "outcome"];
    private static readonly string[] StaleLabels = ["cell", "node", "operation"];

    private readonly MeterListener _listener = new();
    private readonly Counter _operations;
    private readonly Histogram _duration;
    private readonly Counter _stale;
    private readonly Gauge _lag;

    /// <summary>Children by tag values: the engine passes the same string instances each time, so this lookup allocates nothing after the first.</summary>
    private readonly ConcurrentDictionary<LabelKey, Counter.Child> _operationChildren = new();
    private readonly ConcurrentDictionary<LabelKey, Histogram.Child> _durationChildren = new();
    private readonly ConcurrentDictionary<LabelKey, Counter.Child> _staleChildren = new();

    public PrometheusMeterBridge(CollectorRegistry registry, double[] latencyBuckets)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _operations = factory.CreateCounter(ReplicaBenchMeter.OperationsName, "Operations completed (succeeded or failed), warm-up included.", OperationLabels);
        _duration = factory.CreateHistogram(ReplicaBenchMeter.OperationDurationName, "Latency of succeeded operations, seconds.", new HistogramConfiguration
        {
            LabelNames = OperationLabels,
            Buckets = latencyBuckets,
        });
        _stale = factory.CreateCounter(ReplicaBenchMeter.StaleReadsName, "Reads that returned a version older than the latest acknowledged write.", StaleLabels);
        _lag = factory.CreateGauge(ReplicaBenchMeter.ReplicaLagName, "pg_stat_replication.replay_lag per replica, seconds.", "replica");
        registry.AddBeforeCollectCallback(() =>
        {
            foreach (var reading in ReplicaLagReadings.Shared.Observe())
            {
                _lag.WithLabels((string)reading.Tags[0].Value!).Set(reading.Value);
            }
        });

        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // By name, not by reference: the meter's static fields may still be initialising when it publishes them.
            if (instrument.Meter.Name == ReplicaBenchMeter.Name && instrument.Name is ReplicaBenchMeter.OperationsName or ReplicaBenchMeter.StaleReadsName or ReplicaBenchMeter.OperationDurationName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var key = LabelKey.Of(tags);
        if (instrument.Name == ReplicaBenchMeter.OperationsName)
        {
            (_operationChildren.TryGetValue(key, out var child) ? child : _operationChildren.GetOrAdd(key, k => _operations.WithLabels(k.Values(4)))).Inc(value);
        }
        else
        {
            (_staleChildren.TryGetValue(key, out var child) ? child : _staleChildren.GetOrAdd(key, k => _stale.WithLabels(k.Values(3)))).Inc(value);
        }
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var key = LabelKey.Of(tags);
        (_durationChildren.TryGetValue(key, out var child) ? child : _durationChildren.GetOrAdd(key, k => _duration.WithLabels(k.Values(4)))).Observe(seconds);
    }

    /// <summary>Up to four tag values, in the order the engine's TagLists hold them (cell, node, operation, outcome).</summary>
    private readonly record struct LabelKey(string? A, string? B, string? C, string? D)
    {
        public static LabelKey Of(ReadOnlySpan<KeyValuePair<string, object?>> tags) => new(
            tags.Length > 0 ? tags[0].Value as string : null,
            tags.Length > 1 ? tags[1].Value as string : null,
            tags.Length > 2 ? tags[2].Value as string : null,
            tags.Length > 3 ? tags[3].Value as string : null);

        public string[] Values(int count) => [.. new[] { A, B, C, D }.Take(count).Select(v => v ?? string.Empty)];
    }
}
