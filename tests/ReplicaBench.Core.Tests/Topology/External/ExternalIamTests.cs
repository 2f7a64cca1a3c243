using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>
/// <c>auth: iam</c> on the external provider, without a server: what is refused before connecting
/// (a password as well, a mode that may skip TLS, no region), and that topology.json keeps the region
/// and never a token or password.
/// </summary>
public sealed class ExternalIamTests : IDisposable
{
    private const string RdsPrimary = "mydb.c1abcdefghij.eu-west-1.rds.amazonaws.com";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Auth_iam_requires_TLS_by_default_and_password_stays_the_default()
    {
        var iam = ExternalConfigLoader.Load(null, false, Environment((ExternalEnvironment.Auth, "IAM")).Get);
        var password = ExternalConfigLoader.Load(null, false, Environment().Get);

        Assert.True(iam.Iam);
        Assert.Equal(SslMode.Require, iam.SslMode);
        Assert.False(password.Iam);
        Assert.Equal(SslMode.Prefer, password.SslMode);
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("allow")]
    [InlineData("prefer")]
    public void Auth_iam_refuses_an_sslmode_that_could_send_the_token_in_the_clear(string mode)
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(
            null, false, Environment((ExternalEnvironment.Auth, "iam"), (ExternalEnvironment.SslMode, mode)).Get));

        Assert.Equal(
            $"{ExternalEnvironment.SslMode}: '{mode}' with auth iam could send the token without TLS, and RDS takes IAM tokens over TLS only; use require, or verify-full with the RDS CA bundle (sslRootCert).",
            ex.Message);
    }

    [Fact]
    public void An_unknown_auth_method_is_refused()
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(null, false, Environment((ExternalEnvironment.Auth, "kerberos")).Get));

        Assert.Equal($"{ExternalEnvironment.Auth}: 'kerberos' is not an authentication method; use password (the default) or iam (RDS IAM authentication).", ex.Message);
    }

    [Theory]
    [InlineData(ExternalPassword.PasswordVariable)]
    [InlineData(ExternalPassword.LibpqPasswordVariable)]
    [InlineData(ExternalPassword.PassFileVariable)]
    public async Task Auth_iam_with_a_password_set_as_well_is_refused_before_connecting(string variable)
    {
        var environment = Environment((ExternalEnvironment.Auth, "iam"), (variable, "/some/secret"));

        var ex = await Assert.ThrowsAsync<BadInputException>(() => UpAsync(environment));

        Assert.Equal($"auth iam logs in with IAM tokens, but {variable} is set too; unset {variable}, or use auth password (REPLICABENCH_AUTH=password).", ex.Message);
    }

    [Fact]
    public async Task Auth_iam_without_a_region_anywhere_names_the_three_places()
    {
        var ex = await Assert.ThrowsAsync<BadInputException>(() => UpAsync(Environment((ExternalEnvironment.Auth, "iam"), (ExternalEnvironment.Primary, "10.0.0.7:5432"))));

        Assert.Equal(
            "no AWS region for the IAM token to 10.0.0.7: give region in the config (or REPLICABENCH_REGION), set AWS_REGION or AWS_DEFAULT_REGION, or connect by the RDS endpoint name (NAME.ID.REGION.rds.amazonaws.com), which carries it.",
            ex.Message);
    }

    [Fact]
    public void An_iam_topology_json_records_the_region_and_no_token_and_reading_it_takes_no_password()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));
        var tokens = new RdsTokenSource(() => new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), clock);
        var token = tokens.TokenFor(RdsPrimary, 5432, "bench", "eu-west-1");
        var cs = new NpgsqlConnectionStringBuilder { Host = RdsPrimary, Port = 5432, Username = "bench", Database = "app" }.ConnectionString;
        var topology = new TopologyDescriptor
        {
            Provider = ExternalTopologyProvider.ProviderName,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Nodes = [new TopologyNode("primary", NodeRole.Primary, RdsPrimary, 5432, cs, Iam: new NodeIam("eu-west-1") { Tokens = tokens })],
            External = new ExternalTopologyDetails("app", "bench", "require", null, null, "IAM tokens signed for eu-west-1", []),
        };
        var state = new TopologyStateDirectory(_temp.Combine("state"));
        state.EnsureWritable();

        state.Write(topology);
        var json = File.ReadAllText(state.TopologyFile);
        var read = ExternalSecrets.WithPasswords(state.Read(), Environment((ExternalPassword.LibpqPasswordVariable, "not-for-iam")).Get);

        Assert.Contains("\"iam\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"region\": \"eu-west-1\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz", json, StringComparison.Ordinal);
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", json, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("eu-west-1", read.Primary.Iam!.Region);
        Assert.Same(RdsTokenSource.Default, read.Primary.Iam.Tokens);
        Assert.Null(new NpgsqlConnectionStringBuilder(read.Primary.ConnectionString).Password);
    }

    /// <summary>An RDS primary, database and user, then <paramref name="variables"/> (a later variable wins).</summary>
    private static FakeEnvironment Environment(params (string Name, string Value)[] variables) =>
        new([(ExternalEnvironment.Primary, RdsPrimary), (ExternalEnvironment.Database, "app"), (ExternalEnvironment.User, "bench"), .. variables]);

    private static Task<TopologyDescriptor> UpAsync(FakeEnvironment environment) =>
        new ExternalTopologyProvider(new ExternalProviderOptions { Environment = environment.Get }, TimeProvider.System)
            .UpAsync(new TopologyRequest(0), Path.GetTempPath(), TestContext.Current.CancellationToken);
}
