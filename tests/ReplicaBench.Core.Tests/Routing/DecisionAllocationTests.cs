using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>Routing decisions run on every operation of a load run: they must not allocate.</summary>
public sealed class DecisionAllocationTests
{
    public static TheoryData<string> Policies => new(
        "primary-only", "round-robin", "least-lag", "bounded-staleness:1s", "read-your-writes", "npgsql-prefer-standby");

    [Theory]
    [MemberData(nameof(Policies))]
    public void Decisions_allocate_nothing_whether_reads_go_to_replicas_or_fall_back(string policyText)
    {
        var policy = RoutingPolicySpec.Parse(policyText).CreatePolicy(TimeProvider.System);
        var board = new NodeStateBoard(3);
        board.SetReplicaSample(0, 6_000, 300);
        board.SetReplicaSample(1, 5_000, 300);
        board.SetReplicaSample(2, 6_000, 5_000_000);
        board.MarkDown(2);
        var reader = new RoutingSession(1);
        var writer = new RoutingSession(2);
        writer.RecordWrite(5_500);
        Decide(policy, board, reader, writer, 1_000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var sink = Decide(policy, board, reader, writer, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.NotEqual(0, sink);
    }

    private static long Decide(IRoutingPolicy policy, NodeStateBoard board, RoutingSession reader, RoutingSession writer, int count)
    {
        long sink = 0;
        for (var i = 0; i < count; i++)
        {
            sink += policy.Decide(OperationKind.Read, reader, board).ChosenNode;
            sink += policy.Decide(OperationKind.Read, writer, board).IntendedNode;
            sink += policy.Decide(OperationKind.Write, writer, board).ChosenNode + 1;
        }

        return sink;
    }
}
