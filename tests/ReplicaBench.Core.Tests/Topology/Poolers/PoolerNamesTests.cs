using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Tests.Topology.Poolers;

public sealed class PoolerNamesTests
{
    [Theory]
    [InlineData("none", PoolerKind.None)]
    [InlineData("pgbouncer", PoolerKind.PgBouncer)]
    [InlineData(" PgBouncer ", PoolerKind.PgBouncer)]
    [InlineData("rds-proxy", PoolerKind.RdsProxy)]
    public void Parses_each_name(string name, PoolerKind expected) => Assert.Equal(expected, PoolerNames.Parse(name, "--pooler"));

    [Fact]
    public void An_unknown_name_is_one_line_that_lists_the_known_ones()
    {
        var ex = Assert.Throws<BadInputException>(() => PoolerNames.Parse("odyssey", "--pooler"));

        Assert.Equal("--pooler 'odyssey' is not a pooler this suite knows; use one of: none, pgbouncer, rds-proxy.", ex.Message);
    }

    [Fact]
    public void Each_kind_round_trips_through_its_name()
    {
        foreach (var kind in Enum.GetValues<PoolerKind>())
        {
            Assert.Equal(kind, PoolerNames.Parse(PoolerNames.Name(kind), "test"));
        }
    }
}
