using Npgsql;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Tests.Topology.External;

/// <summary>Configuring the external provider through REPLICABENCH_* variables, alone or over a file.</summary>
public sealed class ExternalEnvironmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Environment_variables_alone_configure_every_field()
    {
        var bundle = _temp.Combine("ca.pem");
        File.WriteAllText(bundle, "x");
        var environment = new FakeEnvironment(
            (ExternalEnvironment.Primary, "db.example.com:5433"),
            (ExternalEnvironment.Replicas, "r1.example.com, west=r2.example.com:6432 ,[2001:db8::1]:5434"),
            (ExternalEnvironment.Database, "app"),
            (ExternalEnvironment.User, "bench"),
            (ExternalEnvironment.SslMode, "VERIFY-FULL"),
            (ExternalEnvironment.SslRootCert, bundle),
            (ExternalEnvironment.AllowWrites, "true"),
            (ExternalEnvironment.ConnectTimeout, "2s"));

        var config = ExternalConfigLoader.Load(null, false, environment.Get);

        Assert.Equal(new ExternalEndpoint("primary", "db.example.com", 5433), config.Primary);
        Assert.Equal(
            [new ExternalEndpoint("replica1", "r1.example.com", 5432), new ExternalEndpoint("west", "r2.example.com", 6432), new ExternalEndpoint("replica3", "2001:db8::1", 5434)],
            config.Replicas);
        Assert.Equal("[2001:db8::1]:5434", config.Replicas[2].Address);
        Assert.Equal(("app", "bench"), (config.Database, config.User));
        Assert.Equal(SslMode.VerifyFull, config.SslMode);
        Assert.Equal(bundle, config.SslRootCert);
        Assert.True(config.AllowWrites);
        Assert.Equal(TimeSpan.FromSeconds(2), config.ConnectTimeout);
        Assert.Null(config.ConfigFile);
    }

    [Fact]
    public void A_variable_that_is_set_overrides_the_file_and_an_empty_one_does_not()
    {
        var file = _temp.Combine("external.json");
        File.WriteAllText(file, """{ "primary": "file-db", "replicas": ["file-r1"], "database": "filedb", "user": "fileuser", "allowWrites": true }""");
        var environment = new FakeEnvironment(
            (ExternalEnvironment.Database, "envdb"),
            (ExternalEnvironment.AllowWrites, "false"),
            // An unset GitHub secret arrives as an empty string: it must not blank the file's value.
            (ExternalEnvironment.User, ""));

        var config = ExternalConfigLoader.Load(file, false, environment.Get);

        Assert.Equal("file-db", config.Primary.Host);
        Assert.Equal("file-r1", config.Replicas.Single().Host);
        Assert.Equal("envdb", config.Database);
        Assert.Equal("fileuser", config.User);
        Assert.False(config.AllowWrites);
    }

    [Fact]
    public void A_replicas_variable_replaces_the_files_list_whole()
    {
        var file = _temp.Combine("external.json");
        File.WriteAllText(file, """{ "primary": "db", "replicas": [{ "name": "a", "host": "r1" }, "b=r2", "c=r3"], "database": "app", "user": "bench" }""");
        var environment = new FakeEnvironment((ExternalEnvironment.Replicas, "west=r9:6432"));

        var config = ExternalConfigLoader.Load(file, false, environment.Get);

        Assert.Equal([new ExternalEndpoint("west", "r9", 6432)], config.Replicas);
    }

    [Fact]
    public void A_relative_CA_bundle_in_the_file_is_found_beside_the_file()
    {
        var folder = _temp.Combine("conf");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ca.pem"), "x");
        var file = Path.Combine(folder, "external.json");
        File.WriteAllText(file, """{ "primary": "db", "database": "app", "user": "bench", "sslRootCert": "ca.pem" }""");

        Assert.Equal(Path.Combine(folder, "ca.pem"), ExternalConfigLoader.Load(file, false, new FakeEnvironment().Get).SslRootCert);
    }

    [Fact]
    public void Without_file_or_variables_the_primary_is_named_as_missing_with_its_variable()
    {
        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(null, false, new FakeEnvironment().Get));

        Assert.Equal($"external config: 'primary' is missing; set {ExternalEnvironment.Primary} or give --config FILE with \"primary\": \"host:5432\".", ex.Message);
    }

    [Theory]
    [InlineData(ExternalEnvironment.Primary, "db:port", "port 'port' is not a number")]
    [InlineData(ExternalEnvironment.Primary, "[::1", "is not an address")]
    [InlineData(ExternalEnvironment.Replicas, "a b:5432", "is not an address")]
    [InlineData(ExternalEnvironment.AllowWrites, "maybe", "'maybe' is not true or false")]
    [InlineData(ExternalEnvironment.ConnectTimeout, "5", "'5' is not a duration")]
    [InlineData(ExternalEnvironment.SslMode, "on", "'on' is not an sslmode")]
    public void A_bad_variable_is_named_in_the_message(string variable, string value, string expected)
    {
        var environment = new FakeEnvironment(
            (ExternalEnvironment.Primary, "db"), (ExternalEnvironment.Database, "app"), (ExternalEnvironment.User, "bench"), (variable, value));

        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(null, false, environment.Get));

        Assert.StartsWith(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify-full")]
    [InlineData("verify-ca")]
    public void A_verifying_sslMode_without_a_CA_bundle_is_refused_in_one_line_naming_where_to_give_it(string sslMode)
    {
        var environment = new FakeEnvironment(
            (ExternalEnvironment.Primary, "db"), (ExternalEnvironment.Database, "app"), (ExternalEnvironment.User, "bench"), (ExternalEnvironment.SslMode, sslMode));

        var ex = Assert.Throws<BadInputException>(() => ExternalConfigLoader.Load(null, false, environment.Get));

        Assert.Equal(
            $"REPLICABENCH_SSLMODE: {sslMode} checks the server's certificate against a CA bundle and none is given; set REPLICABENCH_SSLROOTCERT or config sslRootCert to the CA's PEM file (for RDS: global-bundle.pem from the AWS documentation).",
            ex.Message);
    }
}
