using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Tests.Topology.Iam;

/// <summary>Where the token's region comes from: the explicit one, AWS_REGION, AWS_DEFAULT_REGION, then the RDS endpoint name.</summary>
public sealed class RdsRegionTests
{
    private const string RdsHost = "mydb.c1abcdefghij.eu-central-1.rds.amazonaws.com";

    [Theory]
    [InlineData("mydb.c1abcdefghij.eu-central-1.rds.amazonaws.com", "eu-central-1")]
    [InlineData("mycluster.cluster-ro-c1abcdefghij.us-gov-west-1.rds.amazonaws.com", "us-gov-west-1")]
    [InlineData("myproxy.proxy-c1abcdefghij.ap-southeast-2.rds.amazonaws.com", "ap-southeast-2")]
    [InlineData("mydb.c1abcdefghij.cn-north-1.rds.amazonaws.com.cn", "cn-north-1")]
    [InlineData("127.0.0.1", null)]
    [InlineData("db.example.com", null)]
    [InlineData("rds.amazonaws.com", null)]
    public void The_region_is_read_from_an_RDS_endpoint_name_only(string host, string? region) =>
        Assert.Equal(region, RdsRegion.FromHost(host));

    [Fact]
    public void The_explicit_region_wins_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_the_host()
    {
        var both = Environment(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "us-east-2"));

        Assert.Equal("sa-east-1", RdsRegion.Resolve("sa-east-1", "--region", RdsHost, both));
        Assert.Equal("us-west-2", RdsRegion.Resolve(null, "--region", RdsHost, both));
        Assert.Equal("us-east-2", RdsRegion.Resolve(null, "--region", RdsHost, Environment(("AWS_DEFAULT_REGION", "us-east-2"))));
        Assert.Equal("eu-central-1", RdsRegion.Resolve(null, "--region", RdsHost, Environment()));
    }

    [Fact]
    public void No_region_anywhere_is_one_line_naming_the_three_places()
    {
        var ex = Assert.Throws<BadInputException>(() => RdsRegion.Resolve(null, "--region", "127.0.0.1", Environment()));

        Assert.Equal(
            "no AWS region for the IAM token to 127.0.0.1: give --region, set AWS_REGION or AWS_DEFAULT_REGION, or connect by the RDS endpoint name (NAME.ID.REGION.rds.amazonaws.com), which carries it.",
            ex.Message);
    }

    [Fact]
    public void A_region_that_is_not_a_region_name_is_refused()
    {
        var ex = Assert.Throws<BadInputException>(() => RdsRegion.Resolve("Frankfurt", "--region", RdsHost, Environment()));

        Assert.Equal("'Frankfurt' is not an AWS region name; use one such as eu-west-1 or us-east-1.", ex.Message);
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
