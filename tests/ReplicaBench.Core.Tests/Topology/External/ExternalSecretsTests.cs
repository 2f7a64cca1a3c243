using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>An external password never reaches topology.json, ToString, or a message, and is found again on read.</summary>
public sealed class ExternalSecretsTests : IDisposable
{
    private const string Secret = "s3cret-Value-42";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_password_prints_as_its_source_only()
    {
        var password = ExternalPassword.Find(new FakeEnvironment((ExternalPassword.PasswordVariable, Secret)).Get)!;

        Assert.Equal($"password from {ExternalPassword.PasswordVariable}", password.ToString());
        Assert.DoesNotContain(Secret, $"{password}", StringComparison.Ordinal);
    }

    [Fact]
    public void The_external_topology_json_holds_no_password_while_the_descriptor_in_memory_does()
    {
        var topology = Sample(Secret);
        var state = new TopologyStateDirectory(_temp.Combine("state"));
        state.EnsureWritable();

        state.Write(topology);

        var json = File.ReadAllText(state.TopologyFile);
        Assert.DoesNotContain(Secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", json, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"passwordSource\": \"REPLICABENCH_PASSWORD\"", json, StringComparison.Ordinal);
        Assert.Equal(Secret, new NpgsqlConnectionStringBuilder(topology.Primary.ConnectionString).Password);
    }

    [Fact]
    public void Reading_resolves_each_endpoints_password_again()
    {
        var onDisk = ExternalSecrets.WithoutPasswords(Sample(Secret));
        var environment = new FakeEnvironment((ExternalPassword.LibpqPasswordVariable, "rotated-password"));

        var read = ExternalSecrets.WithPasswords(onDisk, environment.Get);

        Assert.All(read.Nodes, n => Assert.Equal("rotated-password", new NpgsqlConnectionStringBuilder(n.ConnectionString).Password));
        Assert.All(onDisk.Nodes, n => Assert.Null(new NpgsqlConnectionStringBuilder(n.ConnectionString).Password));
    }

    [Fact]
    public void Reading_without_any_password_source_leaves_connection_strings_without_one()
    {
        var read = ExternalSecrets.WithPasswords(ExternalSecrets.WithoutPasswords(Sample(Secret)), new FakeEnvironment().Get);

        Assert.All(read.Nodes, n => Assert.Null(new NpgsqlConnectionStringBuilder(n.ConnectionString).Password));
    }

    [Fact]
    public void A_local_topology_keeps_its_generated_password_in_topology_json()
    {
        var local = Sample(Secret) with { Provider = "local", External = null };

        Assert.Same(local, ExternalSecrets.WithoutPasswords(local));
    }

    [Fact]
    public void Nodes_config_and_details_print_without_the_password()
    {
        var topology = Sample(Secret);
        var config = ExternalConfigLoader.Load(null, false, new FakeEnvironment(
            (ExternalEnvironment.Primary, "db"), (ExternalEnvironment.Database, "app"), (ExternalEnvironment.User, "bench"),
            (ExternalPassword.PasswordVariable, Secret)).Get);

        Assert.DoesNotContain(Secret, topology.Primary.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, topology.External!.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_allowed_writes_only_the_primary_session_is_read_only()
    {
        var config = ExternalConfigLoader.Load(null, false, new FakeEnvironment(
            (ExternalEnvironment.Primary, "db"), (ExternalEnvironment.Replicas, "r1"), (ExternalEnvironment.Database, "app"), (ExternalEnvironment.User, "bench")).Get);

        var primary = new NpgsqlConnectionStringBuilder(ExternalConnectionStrings.For(config, config.Primary, null, readOnlySession: true));
        var writable = new NpgsqlConnectionStringBuilder(primary.ConnectionString);
        ExternalConnectionStrings.WritableUnpooled(writable);

        Assert.Equal("-c default_transaction_read_only=on", primary.Options);
        Assert.Equal("replicabench", primary.ApplicationName);
        Assert.Equal(5, primary.Timeout);
        Assert.Null(writable.Options);
        Assert.False(writable.Pooling);
    }

    private static TopologyDescriptor Sample(string password)
    {
        string Cs(int port) => new NpgsqlConnectionStringBuilder { Host = "db.example.com", Port = port, Username = "bench", Password = password, Database = "app" }.ConnectionString;
        return new TopologyDescriptor
        {
            Provider = ExternalTopologyProvider.ProviderName,
            CreatedAt = DateTimeOffset.UnixEpoch,
            Nodes =
            [
                new TopologyNode("primary", NodeRole.Primary, "db.example.com", 5432, Cs(5432)),
                new TopologyNode("replica1", NodeRole.Replica, "db.example.com", 5433, Cs(5433)),
            ],
            WritesAllowed = false,
            External = new ExternalTopologyDetails("app", "bench", "prefer", null, null, ExternalPassword.PasswordVariable, []),
        };
    }
}
