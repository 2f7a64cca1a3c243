using Amazon.Runtime;
using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Iam;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// <c>auth: iam</c> end to end on a real server. No RDS here, so the known answer is set up: a role
/// whose password IS the token our generator makes for fixed credentials (the SigV4 test suite's)
/// and a fixed second. PostgreSQL then admits exactly that token, as RDS admits exactly the token
/// its signature check accepts: <c>up</c> with the same clock connects (over TLS, as RDS demands),
/// and a clock one second later (another token) is refused. Neither token reaches topology.json.
/// </summary>
public sealed class ExternalIamTests(TlsTopologyFixture tls) : IClassFixture<TlsTopologyFixture>
{
    private const string Region = "eu-west-1";

    private static readonly DateTimeOffset SignedAt = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_logs_in_with_the_token_for_its_clocks_second_and_a_different_second_is_refused()
    {
        var role = $"rb_iam_{Guid.NewGuid():N}"[..20];
        var primary = tls.Topology.Primary;
        var expected = Tokens(SignedAt).TokenFor(primary.Host, primary.Port, role, Region);
        await ExecuteAsync($"CREATE ROLE {role} LOGIN PASSWORD '{expected}'");
        var stateDir = Directory.CreateTempSubdirectory("rb-it-iam-").FullName;
        try
        {
            var topology = await UpAsync(role, SignedAt);
            var status = await TopologyStatusReader.ReadAsync(topology, Token);
            string who;
            bool encrypted;
            await using (var connection = await NodeConnections.OpenAsync(topology.Primary, Token))
            {
                who = await ScalarAsync<string>(connection, "SELECT current_user");
                encrypted = await ScalarAsync<bool>(connection, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
            }

            // The router's own pooled data sources (NodeDataSources) take the same path.
            string routed;
            await using (var dataSource = NodeConnections.CreateDataSource(topology.Primary, b => b.MaxPoolSize = 2))
            await using (var connection = await dataSource.OpenConnectionAsync(Token))
            {
                routed = await ScalarAsync<string>(connection, "SELECT current_user");
            }

            var later = SignedAt.AddSeconds(1);
            var refused = await Assert.ThrowsAsync<BadInputException>(() => UpAsync(role, later));
            var state = new TopologyStateDirectory(stateDir);
            state.Write(topology);
            var json = await File.ReadAllTextAsync(state.TopologyFile, Token);

            Assert.Equal(Region, topology.Primary.Iam!.Region);
            Assert.Equal($"IAM tokens signed for {Region}", topology.External!.PasswordSource);
            Assert.True(status.Single().Reachable);
            Assert.Equal(role, who);
            Assert.Equal(role, routed);
            Assert.True(encrypted);
            Assert.StartsWith($"primary at {primary.Host}:{primary.Port}: wrong password (28P01); check that the instance has IAM authentication on", refused.Message, StringComparison.Ordinal);
            Assert.Contains($"that '{role}' is granted rds_iam", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("X-Amz", refused.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(expected, json, StringComparison.Ordinal);
            Assert.DoesNotContain("X-Amz", json, StringComparison.Ordinal);
            Assert.Contains($"\"region\": \"{Region}\"", json, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(stateDir, recursive: true);
            await ExecuteAsync($"DROP ROLE IF EXISTS {role}");
        }
    }

    private async Task<TopologyDescriptor> UpAsync(string role, DateTimeOffset clock)
    {
        var environment = new LocalAsExternal(tls.Topology).Environment();
        environment.Remove(ExternalPassword.PasswordVariable);
        // A token is signed for one host:port and the role has one password (the primary's token),
        // so only the primary is given: a replica's own token could not log in.
        environment.Remove(ExternalEnvironment.Replicas);
        environment[ExternalEnvironment.User] = role;
        environment[ExternalEnvironment.Auth] = "iam";
        environment[ExternalEnvironment.Region] = Region;
        var provider = new ExternalTopologyProvider(
            new ExternalProviderOptions
            {
                IamTokens = Tokens(clock),
                Environment = name => environment.TryGetValue(name, out var value) ? value : name == "HOME" ? "/nonexistent-home" : null,
            },
            TimeProvider.System);
        return await provider.UpAsync(new TopologyRequest(0), Path.GetTempPath(), Token);
    }

    /// <summary>The AWS SigV4 test suite's credentials, signing at <paramref name="now"/> for ever.</summary>
    private static RdsTokenSource Tokens(DateTimeOffset now) =>
        new(() => new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), new FixedClock(now));

    private async Task ExecuteAsync(string sql)
    {
        await using var admin = new NpgsqlConnection(tls.Topology.Primary.ConnectionString);
        await admin.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
