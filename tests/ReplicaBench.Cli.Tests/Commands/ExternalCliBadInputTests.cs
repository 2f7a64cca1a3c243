using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>External-provider input mistakes found before any connection: one line, exit 2, no topology.json.</summary>
public sealed class ExternalCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_config_without_a_database_names_the_field()
    {
        var config = Config("""{ "primary": "127.0.0.1:1", "user": "bench" }""");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"topology up --provider external --config {config} --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("replicabench: external config: 'database' is missing;", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(_temp.Combine("state", "topology.json")));
    }

    [Fact]
    public async Task A_config_file_is_refused_with_the_local_provider()
    {
        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --provider local --config {Config("{}")} --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--config applies to --provider external only", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    [Fact]
    public async Task Tls_is_refused_for_servers_the_suite_did_not_start_pointing_to_sslMode_and_sslRootCert()
    {
        var config = Config("""{ "primary": "127.0.0.1:1", "database": "app", "user": "bench" }""");

        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --provider external --config {config} --tls --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            "replicabench: --tls applies to the local and containers providers, which start their own servers; an external server's TLS is its own: drop --tls and set sslMode verify-full with sslRootCert (or REPLICABENCH_SSLMODE, REPLICABENCH_SSLROOTCERT), for RDS the AWS global-bundle.pem.",
            stderr.TrimEnd('\n'));
        Assert.False(File.Exists(_temp.Combine("state", "topology.json")));
    }

    [Fact]
    public async Task Verify_full_without_a_CA_bundle_names_both_places_to_give_it()
    {
        var config = Config("""{ "primary": "127.0.0.1:1", "database": "app", "user": "bench", "sslMode": "verify-full" }""");

        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --provider external --config {config} --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(
            $"replicabench: {config}: sslMode: verify-full checks the server's certificate against a CA bundle and none is given; set REPLICABENCH_SSLROOTCERT or config sslRootCert to the CA's PEM file (for RDS: global-bundle.pem from the AWS documentation).",
            stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task An_apply_delay_is_refused_for_servers_the_suite_did_not_start()
    {
        var config = Config("""{ "primary": "127.0.0.1:1", "database": "app", "user": "bench" }""");

        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --provider external --config {config} --apply-delay 10ms --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--apply-delay cannot be used with --provider external", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    [Fact]
    public async Task An_explicit_replica_count_must_match_the_configured_endpoints()
    {
        var config = Config("""{ "primary": "127.0.0.1:1", "replicas": ["127.0.0.1:2"], "database": "app", "user": "bench" }""");

        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --provider external --config {config} --replicas 2 --state-dir {_temp.Combine("state")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--replicas 2 does not match the 1 replica endpoint(s)", stderr, StringComparison.Ordinal);
        AssertOneLine(stderr);
    }

    [Fact]
    public async Task Help_shows_the_external_options()
    {
        var up = await CliRunner.RunAsync("topology up --help");
        var down = await CliRunner.RunAsync("topology down --help");

        Assert.Contains("--config", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("--allow-writes", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("external", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("--drop-schema", down.Stdout, StringComparison.Ordinal);
    }

    private static void AssertOneLine(string stderr)
    {
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private string Config(string json)
    {
        var path = _temp.Combine($"external-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
