using Npgsql;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>The JSON config file: its shape, defaults, and one-line messages that name the field.</summary>
public sealed class ExternalConfigFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_full_config_is_read_field_by_field()
    {
        File.WriteAllText(_temp.Combine("global-bundle.pem"), "-----BEGIN CERTIFICATE-----\n");
        var file = Write("""
            {
              // comments and trailing commas are allowed
              "primary": { "host": "db.abc123.eu-west-1.rds.amazonaws.com", "port": 5433 },
              "replicas": [
                { "name": "eu-west-1b", "host": "db-r1.abc123.eu-west-1.rds.amazonaws.com" },
                "db-r2.abc123.eu-west-1.rds.amazonaws.com:6432",
              ],
              "database": "app",
              "user": "bench",
              "sslMode": "verify-ca",
              "sslRootCert": "global-bundle.pem",
              "allowWrites": true,
              "connectTimeout": "3s",
            }
            """);

        var config = Load(file);

        Assert.Equal(new ExternalEndpoint("primary", "db.abc123.eu-west-1.rds.amazonaws.com", 5433), config.Primary);
        Assert.Equal(
            [new ExternalEndpoint("eu-west-1b", "db-r1.abc123.eu-west-1.rds.amazonaws.com", 5432), new ExternalEndpoint("replica2", "db-r2.abc123.eu-west-1.rds.amazonaws.com", 6432)],
            config.Replicas);
        Assert.Equal("app", config.Database);
        Assert.Equal("bench", config.User);
        Assert.Equal(SslMode.VerifyCA, config.SslMode);
        Assert.Equal(_temp.Combine("global-bundle.pem"), config.SslRootCert);
        Assert.True(config.AllowWrites);
        Assert.Equal(TimeSpan.FromSeconds(3), config.ConnectTimeout);
        Assert.Equal(file, config.ConfigFile);
    }

    [Fact]
    public void Defaults_are_no_replicas_port_5432_prefer_no_writes_and_a_5_second_timeout()
    {
        var config = Load(Write("""{ "primary": "db.example.com", "database": "app", "user": "bench" }"""));

        Assert.Equal(5432, config.Primary.Port);
        Assert.Empty(config.Replicas);
        Assert.Equal(SslMode.Prefer, config.SslMode);
        Assert.False(config.AllowWrites);
        Assert.Equal(TimeSpan.FromSeconds(5), config.ConnectTimeout);
    }

    [Fact]
    public void A_CA_bundle_without_an_sslMode_means_verify_full()
    {
        File.WriteAllText(_temp.Combine("ca.pem"), "x");
        var config = Load(Write("""{ "primary": "db", "database": "app", "user": "bench", "sslRootCert": "ca.pem" }"""));

        Assert.Equal(SslMode.VerifyFull, config.SslMode);
    }

    [Theory]
    [InlineData("""{ "database": "app", "user": "bench" }""", "'primary' is missing")]
    [InlineData("""{ "primary": "db", "user": "bench" }""", "'database' is missing")]
    [InlineData("""{ "primary": "db", "database": "app" }""", "'user' is missing")]
    [InlineData("""{ "primary": { "port": 5432 }, "database": "app", "user": "bench" }""", "\"primary.host\" is missing")]
    [InlineData("""{ "primary": "db", "replicas": [ { "port": 5432 } ], "database": "app", "user": "bench" }""", "\"replicas[0].host\" is missing")]
    public void A_missing_field_is_named_in_one_line(string json, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => Load(Write(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_missing_field_message_offers_both_the_file_and_the_variable()
    {
        var file = Write("""{ "primary": "db", "user": "bench" }""");

        var ex = Assert.Throws<BadInputException>(() => Load(file));

        Assert.Contains(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(ExternalEnvironment.Database, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "primary": "db", "database": "app", "user": "bench", "allowwrite": true }""", "unknown field \"allowwrite\"")]
    [InlineData("""{ "primary": { "host": "db", "prot": 5433 }, "database": "app", "user": "bench" }""", "unknown field \"primary.prot\"; known fields are name, host, port")]
    [InlineData("""{ "primary": "db", "database": "app", "user": "bench", "allowWrites": "yes" }""", "\"allowWrites\" must be true or false")]
    [InlineData("""{ "primary": "db:99999", "database": "app", "user": "bench" }""", "port 99999 is out of range")]
    [InlineData("""{ "primary": { "host": "db", "port": "x" }, "database": "app", "user": "bench" }""", "\"primary.port\" must be a whole number")]
    [InlineData("""{ "primary": "db", "database": "app", "user": "bench", "sslMode": "strict" }""", "'strict' is not an sslmode")]
    [InlineData("""{ "primary": "db", "database": "app", "user": "bench", "sslRootCert": "missing.pem" }""", "does not exist")]
    [InlineData("""{ "primary": "db", "database": "app", "user": "bench", "connectTimeout": "10m" }""", "connectTimeout 600s is out of range")]
    [InlineData("""{ "primary": "db", "replicas": ["a", "a"], "database": "app", "user": "bench" }""", "a:5432 is listed twice")]
    [InlineData("""{ "primary": "db", "replicas": ["x=a", "x=b"], "database": "app", "user": "bench" }""", "'x' is used twice")]
    [InlineData("""{ "primary": "db", "replicas": ["primary=a"], "database": "app", "user": "bench" }""", "'primary' is not usable")]
    [InlineData("""{ "primary": "db", "replicas": "a,b", "database": "app", "user": "bench" }""", "\"replicas\" must be an array")]
    [InlineData("""[ "db" ]""", "must hold one JSON object")]
    [InlineData("""{ "primary": "db", """, "is not valid JSON (line 1)")]
    public void Bad_values_are_refused_in_one_line_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => Load(Write(json)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void An_editors_schema_pointer_is_not_a_setting()
    {
        var config = Load(Write("""{ "$schema": "external.schema.json", "primary": "db", "database": "app", "user": "bench" }"""));

        Assert.Equal("db", config.Primary.Host);
    }

    [Fact]
    public void A_port_out_of_range_in_the_object_form_names_the_field()
    {
        var file = Write("""{ "primary": { "host": "db", "port": 70000 }, "database": "app", "user": "bench" }""");

        var ex = Assert.Throws<BadInputException>(() => Load(file));

        Assert.StartsWith($"{file}: primary.port: port 70000 is out of range;", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_in_the_file_is_refused_without_echoing_it()
    {
        var ex = Assert.Throws<BadInputException>(() => Load(Write("""{ "primary": "db", "database": "app", "user": "bench", "password": "hunter2-secret" }""")));

        Assert.Contains("passwords are never read from config files", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ExternalPassword.PasswordVariable, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_file_that_cannot_be_read_is_named()
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(_temp.Combine("nope.json"), false, new FakeEnvironment().Get));

        Assert.Contains("--config", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nope.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_allow_writes_flag_turns_writes_on_over_a_file_that_says_false()
    {
        var file = Write("""{ "primary": "db", "database": "app", "user": "bench", "allowWrites": false }""");

        Assert.False(ExternalConfigLoader.Load(file, allowWritesFlag: false, new FakeEnvironment().Get).AllowWrites);
        Assert.True(ExternalConfigLoader.Load(file, allowWritesFlag: true, new FakeEnvironment().Get).AllowWrites);
    }

    private ExternalTopologyConfig Load(string file) => ExternalConfigLoader.Load(file, allowWritesFlag: false, new FakeEnvironment().Get);

    private string Write(string json)
    {
        var path = _temp.Combine($"external-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
