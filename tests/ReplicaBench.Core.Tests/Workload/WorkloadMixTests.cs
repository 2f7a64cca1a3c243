using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Workload;

public sealed class WorkloadMixTests
{
    [Theory]
    [InlineData("point-read", 100, 0, 0, 0)]
    [InlineData("read-heavy", 85, 10, 1, 4)]
    [InlineData("balanced", 70, 10, 5, 15)]
    [InlineData("write-heavy", 40, 10, 15, 35)]
    public void Named_mixes_have_the_documented_weights(string name, int pointRead, int rangeRead, int insert, int update)
    {
        var mix = WorkloadMix.FromName(name);

        Assert.Equal(name, mix.Name);
        Assert.Equal([pointRead, rangeRead, insert, update], [mix.PointReadPercent, mix.RangeReadPercent, mix.InsertPercent, mix.UpdatePercent]);
    }

    [Theory]
    [InlineData("point-read", 100)]
    [InlineData("read-heavy", 95)]
    [InlineData("balanced", 80)]
    [InlineData("write-heavy", 50)]
    public void Named_mixes_split_reads_and_writes_as_the_scenarios_promise(string name, int readPercent)
    {
        var mix = WorkloadMix.FromName(name);

        Assert.Equal(readPercent, mix.ReadPercent);
        Assert.Equal(100 - readPercent, mix.WritePercent);
    }

    [Fact]
    public void Every_roll_from_0_to_99_picks_each_operation_exactly_as_often_as_its_weight()
    {
        var mix = WorkloadMix.Create("test", 61, 7, 13, 19);

        var counts = Enumerable.Range(0, 100).Select(mix.Pick).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(61, counts[WorkloadOperation.PointRead]);
        Assert.Equal(7, counts[WorkloadOperation.RangeRead]);
        Assert.Equal(13, counts[WorkloadOperation.Insert]);
        Assert.Equal(19, counts[WorkloadOperation.Update]);
    }

    [Fact]
    public void Picking_with_a_random_source_follows_the_weights()
    {
        var mix = WorkloadMix.ReadHeavy;
        var random = new Random(42);
        const int Picks = 200_000;

        var counts = new int[4];
        for (var i = 0; i < Picks; i++)
        {
            counts[(int)mix.Pick(random)]++;
        }

        // Binomial standard deviation at 200k picks is at most ~0.11 percentage points; allow 5 of them.
        Assert.Equal(85, 100.0 * counts[0] / Picks, 0.5);
        Assert.Equal(10, 100.0 * counts[1] / Picks, 0.5);
        Assert.Equal(1, 100.0 * counts[2] / Picks, 0.5);
        Assert.Equal(4, 100.0 * counts[3] / Picks, 0.5);
    }

    [Fact]
    public void A_zero_weight_operation_is_never_picked()
    {
        var mix = WorkloadMix.PointRead;

        Assert.All(Enumerable.Range(0, 100), roll => Assert.Equal(WorkloadOperation.PointRead, mix.Pick(roll)));
    }

    [Fact]
    public void Weights_that_do_not_add_up_to_100_name_the_weights_and_the_sum()
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMix.Create("mine", 50, 10, 10, 10));

        Assert.Contains("point-read=50, range-read=10, insert=10, update=10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("add up to 80, not 100", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(-5, 105)]
    [InlineData(101, -1)]
    public void A_negative_or_oversized_weight_is_rejected_even_when_the_sum_is_100(int insert, int pointRead)
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMix.Create("mine", pointRead, 0, insert, 0));

        Assert.Contains("out of range", ex.Message, StringComparison.Ordinal);
        Assert.Contains("sum 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_reads_weights_and_treats_missing_operations_as_zero()
    {
        var mix = WorkloadMix.Parse("point-read=90, update=10");

        Assert.Equal([90, 0, 0, 10], [mix.PointReadPercent, mix.RangeReadPercent, mix.InsertPercent, mix.UpdatePercent]);
    }

    [Fact]
    public void Parse_accepts_a_mix_name()
    {
        Assert.Same(WorkloadMix.Balanced, WorkloadMix.Parse("balanced"));
    }

    [Theory]
    [InlineData("reads=90,update=10")]
    [InlineData("point-read=ninety,update=10")]
    [InlineData("point-read=,update=100")]
    public void Parse_rejects_text_it_cannot_read_with_one_line(string text)
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMix.Parse(text));

        Assert.DoesNotContain('\n', ex.Message);
        Assert.Contains("point-read=90,update=10", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_mix_name_lists_the_known_ones()
    {
        var ex = Assert.Throws<BadInputException>(() => WorkloadMix.FromName("read-mostly"));

        Assert.Contains("'read-mostly'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("point-read, read-heavy, balanced, write-heavy", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkloadOperation.PointRead, OperationKind.Read)]
    [InlineData(WorkloadOperation.RangeRead, OperationKind.Read)]
    [InlineData(WorkloadOperation.Insert, OperationKind.Write)]
    [InlineData(WorkloadOperation.Update, OperationKind.Write)]
    public void Reads_may_go_to_replicas_and_writes_only_to_the_primary(WorkloadOperation operation, OperationKind kind)
    {
        Assert.Equal(kind, operation.Kind());
        Assert.Equal(kind, new PlannedOperation(operation, 1).Kind);
    }
}
