using ReplicaBench.Tests.Topology.External;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Tests.Topology.Poolers;

/// <summary>An external topology names the pooler its endpoints belong to: in the file's <c>pooler</c> or in REPLICABENCH_POOLER.</summary>
public sealed class ExternalPoolerConfigTests
{
    private static FakeEnvironment Endpoints(params (string, string)[] more) => new(
    [
        (ExternalEnvironment.Primary, "proxy.endpoint.proxy-abc.eu-west-1.rds.amazonaws.com"),
        (ExternalEnvironment.Replicas, "readers=proxy-readers.endpoint.proxy-abc.eu-west-1.rds.amazonaws.com"),
        (ExternalEnvironment.Database, "app"),
        (ExternalEnvironment.User, "bench"),
        .. more,
    ]);

    [Fact]
    public void Without_a_pooler_the_endpoints_are_the_servers() =>
        Assert.Equal(PoolerKind.None, ExternalConfigLoader.Load(null, false, Endpoints().Get).Pooler);

    [Fact]
    public void Rds_proxy_s_writer_and_reader_endpoints_are_named_as_primary_and_replica()
    {
        var config = ExternalConfigLoader.Load(null, false, Endpoints((ExternalEnvironment.Pooler, "rds-proxy")).Get);

        Assert.Equal(PoolerKind.RdsProxy, config.Pooler);
        Assert.Equal("readers", Assert.Single(config.Replicas).Name);
    }

    [Fact]
    public void An_unknown_pooler_is_one_line_naming_the_variable()
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(null, false, Endpoints((ExternalEnvironment.Pooler, "pgpool")).Get));

        Assert.Contains("REPLICABENCH_POOLER", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'pgpool' is not a pooler this suite knows; use one of: none, pgbouncer, rds-proxy.", ex.Message, StringComparison.Ordinal);
    }
}
