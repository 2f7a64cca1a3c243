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

        // A decision that allocates does so in every round (10,000 times); a one-off allocation
        // on this thread (the JIT tiering a method up mid-loop) lands in one round at most. So the
        // quietest of three rounds must be 0.
        var rounds = new long[3];
        long sink = 0;
        for (var round = 0; round < rounds.Length; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            sink += Decide(policy, board, reader, writer, 10_000);
            rounds[round] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.True(rounds.Min() == 0, $"decisions allocated {string.Join(", ", rounds)} bytes in three rounds of 10,000");
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
