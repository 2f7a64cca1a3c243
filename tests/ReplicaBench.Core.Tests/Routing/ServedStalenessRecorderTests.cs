using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>The staleness bound of served replica reads, on a fake clock with known board samples.</summary>
public sealed class ServedStalenessRecorderTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly NodeStateBoard _board = new(2);
    private readonly ServedStalenessRecorder _recorder;

    public ServedStalenessRecorderTests()
    {
        _recorder = new ServedStalenessRecorder(_board, _time);
    }

    [Fact]
    public void A_served_read_records_the_samples_upper_bound_plus_its_age_at_the_decision()
    {
        // Estimated 2 ms behind, at most 12 ms when sampled; routed 8 ms and 28 ms after the sample.
        _board.SetReplicaSample(0, 1, lagMicroseconds: 2_000, lagUpperBoundMicroseconds: 12_000, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(8));
        var first = Route(1);
        _time.Advance(TimeSpan.FromMilliseconds(20));
        var second = Route(1);

        // Completing later changes nothing: the bound is the one the decision saw.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        _recorder.RecordServed(RoutingDecision.Replica(1), first);
        _recorder.RecordServed(RoutingDecision.Replica(1), second);

        var replica1 = _recorder.Summary(["replica1", "replica2"]).Replicas[0];
        Assert.Equal(("replica1", 2L, 0L), (replica1.Replica, replica1.Reads, replica1.Unbounded));
        Assert.Equal(20.0, replica1.P50Ms!.Value, 0.02);
        Assert.Equal(40.0, replica1.MaxMs!.Value, 0.04);
    }

    [Fact]
    public void A_read_from_a_replica_with_no_bound_is_counted_as_unbounded_not_as_a_number()
    {
        _board.SetReplicaSample(0, 1, lagMicroseconds: 1_000, _time.GetTimestamp());
        Serve(2);
        Serve(2);
        Serve(1);

        var summary = _recorder.Summary(["replica1", "replica2"]);

        Assert.Equal((0L, 2L), (summary.Replicas[1].Reads, summary.Replicas[1].Unbounded));
        Assert.Null(summary.Replicas[1].P99Ms);
        Assert.Equal((1L, 2L), (summary.Total.Reads, summary.Total.Unbounded));
        Assert.Equal(1.0, summary.Total.MaxMs!.Value, 0.01);
    }

    [Fact]
    public void Writes_primary_reads_reads_before_the_measured_window_and_failed_reads_are_not_recorded()
    {
        _board.SetReplicaSample(0, 1, lagMicroseconds: 1_000, _time.GetTimestamp());
        _recorder.MeasureFrom(_time.GetTimestamp() + 1);
        Serve(1);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(ServedStalenessRecorder.NotRecorded, _recorder.BoundFor(OperationKind.Write, RoutingDecision.Primary));
        Assert.Equal(ServedStalenessRecorder.NotRecorded, _recorder.BoundFor(OperationKind.Read, RoutingDecision.FallbackToPrimary(1)));
        _ = Route(1);
        Serve(1);

        var replica1 = _recorder.Summary(["replica1", "replica2"]).Replicas[0];

        Assert.Equal(1, replica1.Reads);
        Assert.Equal(2.0, replica1.MaxMs!.Value, 0.01);
    }

    private long Route(int node) => _recorder.BoundFor(OperationKind.Read, RoutingDecision.Replica(node));

    private void Serve(int node) => _recorder.RecordServed(RoutingDecision.Replica(node), Route(node));
}
