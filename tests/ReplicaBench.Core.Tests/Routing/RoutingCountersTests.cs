using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

public sealed class RoutingCountersTests
{
    private readonly RoutingCounters _counters = new(3);

    [Fact]
    public void Counts_reads_by_intended_and_served_node()
    {
        _counters.RecordServed(OperationKind.Read, RoutingDecision.Replica(1));
        _counters.RecordServed(OperationKind.Read, RoutingDecision.Replica(2));
        _counters.RecordServed(OperationKind.Read, RoutingDecision.FallbackToPrimary(2));
        _counters.RecordServed(OperationKind.Read, RoutingDecision.FallbackToPrimary(2));
        _counters.RecordServed(OperationKind.Read, new RoutingDecision(2, 1, true));

        var counts = _counters.ToCounts(TestTopologies.WithReplicas(2).Nodes);

        Assert.Equal(2, counts.ReadsIntendedFor("replica2", "primary"));
        Assert.Equal(1, counts.ReadsIntendedFor("replica2", "replica1"));
        Assert.Equal(1, counts.ReadsIntendedFor("replica1", "replica1"));
        Assert.Equal(0, counts.ReadsIntendedFor("replica1", "primary"));
        Assert.Contains("read intended replica2, served by primary: 2", counts.ReadsByIntendedAndServed.Select(c => c.ToString()));
        Assert.Equal([2L, 2L, 1L], counts.Nodes.Select(n => n.Reads));
        Assert.Equal(3, counts.ReadFallbacks);
        Assert.Equal(2, counts.ReadFallbacksToPrimary);
        Assert.Equal(3, counts.ReplicaReads);
    }

    [Fact]
    public void Writes_count_per_node_and_never_as_intended_reads()
    {
        _counters.RecordServed(OperationKind.Write, RoutingDecision.Primary);
        _counters.RecordServed(OperationKind.Write, RoutingDecision.Primary);

        var counts = _counters.ToCounts(TestTopologies.WithReplicas(2).Nodes);

        Assert.Equal(2, counts.Node("primary").Writes);
        Assert.Equal(2, counts.Writes);
        Assert.Equal(0, counts.Reads);
        Assert.Empty(counts.ReadsByIntendedAndServed);
    }

    [Fact]
    public void Failures_count_by_kind_and_node_and_cancellations_are_not_failures()
    {
        _counters.RecordFailure(new OperationFailure(OperationFailureKind.ConnectionRefused, 2, "replica2", null, "x"));
        _counters.RecordFailure(new OperationFailure(OperationFailureKind.ConnectionLost, 2, "replica2", null, "x"));
        _counters.RecordFailure(new OperationFailure(OperationFailureKind.Timeout, -1, "npgsql", null, "x"));
        _counters.RecordFailure(new OperationFailure(OperationFailureKind.Canceled, 0, "primary", null, "x"));

        var counts = _counters.ToCounts(TestTopologies.WithReplicas(2).Nodes);

        Assert.Equal(3, counts.Failures);
        Assert.Equal(1, counts.FailuresByKind[OperationFailureKind.ConnectionRefused]);
        Assert.Equal(1, counts.FailuresByKind[OperationFailureKind.Canceled]);
        Assert.Equal(2, counts.Node("replica2").Failures);
        Assert.Equal(1, counts.FailuresWithUnknownNode);
    }

    [Fact]
    public void Blocks_add_up()
    {
        var other = new RoutingCounters(3);
        _counters.RecordServed(OperationKind.Read, RoutingDecision.Replica(1));
        other.RecordServed(OperationKind.Read, RoutingDecision.Replica(1));
        other.RecordMarkedDown(2);
        var totals = new RoutingCounters(3);

        _counters.AddTo(totals);
        other.AddTo(totals);
        var counts = totals.ToCounts(TestTopologies.WithReplicas(2).Nodes);

        Assert.Equal(2, counts.Node("replica1").Reads);
        Assert.Equal(1, counts.Node("replica2").MarkedDown);
    }
}
