using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Tests.Engine.Telemetry;

/// <summary>
/// The ReplicaBench meter's instruments, heard by a <see cref="MeterListener"/> while a recorder
/// records known operations. Each test uses a cell name of its own, since the meter is process-wide
/// and other tests record in parallel.
/// </summary>
// The lag gauge reads process-wide readings that any run in another test class may prune (KeepOnly),
// so this class runs alone.
[Collection(SharedLagReadingsCollection.Name)]
public sealed class OperationTelemetryTests : IDisposable
{
    private static readonly LoadScenario TwoOperations = LoadScenario.Create("mix", (_, _) => default)
        .WithOperations(new OperationDefinition("read", OperationKind.Read), new OperationDefinition("write", OperationKind.Write))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)]);

    private readonly string _cell = "cell-" + Guid.NewGuid().ToString("N")[..8];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> _heard = new();

    public OperationTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ReplicaBenchMeter.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Hear(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Hear(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void Known_operations_are_counted_by_cell_node_operation_and_outcome_and_successes_timed_in_seconds()
    {
        var layout = new BucketLayout(TwoOperations);
        var recorder = new VirtualUserRecorder(layout, new ErrorKindCatalog(), new OperationTelemetry(layout, _cell));
        var read = LoadOutcome.Success(new OperationId(0), new NodeId(1));
        for (var i = 0; i < 7; i++)
        {
            recorder.RecordCompleted(read, 1_500);
        }

        recorder.RecordCompleted(read.WithStaleness(StalenessObservation.Stale(TimeSpan.FromMilliseconds(40))), 2_000);
        recorder.RecordCompleted(read.WithStaleness(StalenessObservation.Stale(TimeSpan.FromMilliseconds(40))), 2_000);
        for (var i = 0; i < 3; i++)
        {
            recorder.RecordCompleted(LoadOutcome.Failure(new OperationId(1), new NodeId(0), "timeout"), 9_000);
        }

        recorder.RecordUnattributed("exception", ArrivalStart.None);

        Assert.Equal(9, Sum(ReplicaBenchMeter.OperationsName, ("node", "replica1"), ("operation", "read"), ("outcome", "success")));
        Assert.Equal(3, Sum(ReplicaBenchMeter.OperationsName, ("node", "primary"), ("operation", "write"), ("outcome", "error")));
        Assert.Equal(1, Sum(ReplicaBenchMeter.OperationsName, ("node", "(none)"), ("operation", "(unattributed)"), ("outcome", "error")));
        Assert.Equal(13, Sum(ReplicaBenchMeter.OperationsName));
        // Failures are in no latency, as in results.json: 7 × 1.5 ms + 2 × 2 ms.
        Assert.Equal(9, Count(ReplicaBenchMeter.OperationDurationName));
        Assert.Equal(0.0145, Sum(ReplicaBenchMeter.OperationDurationName), 9);
        Assert.Equal(2, Sum(ReplicaBenchMeter.StaleReadsName, ("node", "replica1"), ("operation", "read")));
    }

    [Fact]
    public void The_lag_gauge_reports_each_replicas_latest_reading_until_it_is_removed()
    {
        var replica = _cell + "-replica";
        ReplicaLagReadings.Shared.Set(replica, 0.5);
        ReplicaLagReadings.Shared.Set(replica, 0.25);
        _listener.RecordObservableInstruments();
        Assert.Equal([0.25], Values(ReplicaBenchMeter.ReplicaLagName, replica));

        ReplicaLagReadings.Shared.Remove(replica);
        _heard.Clear();
        _listener.RecordObservableInstruments();
        Assert.Empty(Values(ReplicaBenchMeter.ReplicaLagName, replica));
    }

    [Fact]
    public void Keeping_only_the_sampled_replicas_drops_the_others_readings()
    {
        var readings = new ReplicaLagReadings();
        readings.Set("replica1", 0.1);
        readings.Set("replica2", 0.2);

        readings.KeepOnly(["replica1"]);

        var left = Assert.Single(readings.Observe());
        Assert.Equal(0.1, left.Value);
        Assert.Equal("replica1", left.Tags[0].Value);
    }

    private void Hear(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var byKey = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            byKey[tag.Key] = tag.Value as string;
        }

        _heard.Enqueue((instrument.Name, value, byKey));
    }

    private IEnumerable<double> Mine(string instrument, params (string Key, string Value)[] tags) =>
        _heard.Where(h => h.Instrument == instrument && h.Tags.GetValueOrDefault("cell") == _cell
            && tags.All(t => h.Tags.GetValueOrDefault(t.Key) == t.Value)).Select(h => h.Value);

    private double Sum(string instrument, params (string Key, string Value)[] tags) => Mine(instrument, tags).Sum();

    private int Count(string instrument) => Mine(instrument).Count();

    private double[] Values(string instrument, string replica) =>
        [.. _heard.Where(h => h.Instrument == instrument && h.Tags.GetValueOrDefault("replica") == replica).Select(h => h.Value)];
}
