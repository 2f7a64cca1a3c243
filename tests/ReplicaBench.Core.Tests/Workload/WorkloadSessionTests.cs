using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class WorkloadSessionTests
{
    private static WorkloadSession Session(WorkloadMix mix, long block = 1) =>
        new(1, mix, KeyChooser.Uniform(1_000), new InsertKeyRange(block), new AcknowledgedVersions(1_000), new Random(11));

    [Fact]
    public void The_point_read_mix_plans_only_point_reads_of_seeded_keys()
    {
        var session = Session(WorkloadMix.PointRead);

        var planned = Enumerable.Range(0, 1_000).Select(_ => session.Next()).ToList();

        Assert.All(planned, p => Assert.Equal(WorkloadOperation.PointRead, p.Operation));
        Assert.All(planned, p => Assert.InRange(p.Key, 1, 1_000));
        Assert.All(planned, p => Assert.Equal(OperationKind.Read, p.Kind));
    }

    [Fact]
    public void Planned_inserts_take_consecutive_keys_from_the_session_block()
    {
        var session = Session(WorkloadMix.Create("inserts", 0, 0, 100, 0), block: 2);

        var keys = Enumerable.Range(0, 3).Select(_ => session.Next().Key);

        var start = new InsertKeyRange(2).Start;
        Assert.Equal([start, start + 1, start + 2], keys);
    }

    [Fact]
    public void Planned_operations_follow_the_mix()
    {
        var session = Session(WorkloadMix.WriteHeavy);

        var planned = Enumerable.Range(0, 20_000).Select(_ => session.Next()).ToList();

        Assert.Equal(0.5, planned.Count(p => p.Kind == OperationKind.Write) / 20_000.0, 0.02);
        Assert.All(planned.Where(p => p.Operation == WorkloadOperation.RangeRead), p => Assert.InRange(p.Key, 1, 1_000 - WorkloadCommands.RangeLength + 1));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    public void A_follow_up_share_outside_0_to_100_is_refused(int percent)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new WorkloadSession(1, WorkloadMix.Balanced, KeyChooser.Uniform(10), new InsertKeyRange(1), new AcknowledgedVersions(10), new Random(1), percent));
    }
}
