using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Topology;

public sealed class ApplyDelayPlanTests
{
    [Fact]
    public void A_bare_delay_applies_to_every_replica()
    {
        var plan = ApplyDelayPlan.Parse(["100ms"]);
        Assert.Equal(TimeSpan.FromMilliseconds(100), plan.DelayFor("replica1"));
        Assert.Equal(TimeSpan.FromMilliseconds(100), plan.DelayFor("replica7"));
    }

    [Fact]
    public void A_named_delay_applies_only_to_that_replica()
    {
        var plan = ApplyDelayPlan.Parse(["replica2=300ms"]);
        Assert.Equal(TimeSpan.Zero, plan.DelayFor("replica1"));
        Assert.Equal(TimeSpan.FromMilliseconds(300), plan.DelayFor("replica2"));
    }

    [Fact]
    public void Named_entries_win_over_the_all_replicas_entry_in_any_order()
    {
        var plan = ApplyDelayPlan.Parse(["replica1=5ms,50ms", "replica3=1s"]);
        Assert.Equal(TimeSpan.FromMilliseconds(5), plan.DelayFor("replica1"));
        Assert.Equal(TimeSpan.FromMilliseconds(50), plan.DelayFor("replica2"));
        Assert.Equal(TimeSpan.FromSeconds(1), plan.DelayFor("replica3"));
        Assert.Equal("50ms,replica1=5ms,replica3=1s", plan.ToString());
    }

    [Fact]
    public void No_values_means_no_delay()
    {
        Assert.True(ApplyDelayPlan.Parse(null).IsEmpty);
        Assert.True(ApplyDelayPlan.Parse([]).IsEmpty);
        Assert.Equal(TimeSpan.Zero, ApplyDelayPlan.None.DelayFor("replica1"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("replica2=")]
    [InlineData("=100ms")]
    [InlineData("replica2=100")]
    [InlineData("500us")]
    public void Rejects_malformed_entries_naming_them(string value)
    {
        var ex = Assert.Throws<BadInputException>(() => ApplyDelayPlan.Parse([value]));
        Assert.StartsWith("--apply-delay", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_a_replica_name_the_topology_will_not_have()
    {
        var ex = Assert.Throws<BadInputException>(() => new TopologyRequest(2, ApplyDelayPlan.Parse(["replica3=10ms"])));
        Assert.Contains("replica3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("replica1, replica2", ex.Message, StringComparison.Ordinal);
    }
}
