using System.Text.Json;
using Npgsql;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// up and down for external from the command line, as a user runs them: down forgets the endpoints
/// and touches no server; down --drop-schema drops the suite schema and nothing else. Works in a
/// scratch database so the shared suite schema other tests use is never dropped.
/// </summary>
public sealed class ExternalDownTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("rb-it-ext-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task Down_forgets_the_endpoints_and_drops_nothing_while_down_drop_schema_drops_only_the_suite_schema()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(fixture.Topology, Token);
        var endpoints = new LocalAsExternal(fixture.Topology);
        await endpoints.WaitForReplicasAsync(Token);
        var configFile = Path.Combine(_stateDir, "external.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(new
        {
            primary = endpoints.PrimaryAddress,
            replicas = new[] { $"replica1={endpoints.Address("replica1")}" },
            database = scratch.Name,
            user = endpoints.User,
            allowWrites = true,
        }), Token);
        var environment = new Dictionary<string, string> { [ExternalPassword.PasswordVariable] = endpoints.Password };
        await using (var admin = await WorkloadDatabase.OpenAsync(scratch.Primary, Token))
        {
            await using var command = new NpgsqlCommand("CREATE SCHEMA other_app; CREATE TABLE other_app.keep (id int); INSERT INTO other_app.keep VALUES (1), (2)", admin);
            await command.ExecuteNonQueryAsync(Token);
        }

        var up = await Cli(environment, "topology", "up", "--provider", "external", "--config", configFile);
        Assert.True(up.Code == 0, up.Stderr);
        Assert.Contains("Writes: allowed in schema replicabench only", up.Stdout, StringComparison.Ordinal);
        // This process has no REPLICABENCH_PASSWORD: resolve the password as the CLI did, from its environment.
        var topology = ExternalSecrets.WithPasswords(new TopologyStateDirectory(_stateDir).Read(), environment.GetValueOrDefault);
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "creating the bench schema", Token))
        {
            await WorkloadSchema.CreateAsync(primary, Token);
        }

        var forget = await Cli(environment, "topology", "down");
        Assert.True(forget.Code == 0, forget.Stderr);
        Assert.Contains("nothing was stopped or dropped", forget.Stdout, StringComparison.Ordinal);
        Assert.False(new TopologyStateDirectory(_stateDir).HasTopology);
        Assert.True(await SuiteSchemaExistsAsync(scratch));

        Assert.Equal(0, (await Cli(environment, "topology", "up", "--provider", "external", "--config", configFile)).Code);
        var drop = await Cli(environment, "topology", "down", "--drop-schema");
        Assert.True(drop.Code == 0, drop.Stderr);
        Assert.Contains("dropped schema replicabench on the primary (nothing else)", drop.Stdout, StringComparison.Ordinal);
        Assert.False(await SuiteSchemaExistsAsync(scratch));
        await using (var admin = await WorkloadDatabase.OpenAsync(scratch.Primary, Token))
        {
            Assert.Equal(2, await WorkloadDatabase.ScalarAsync(admin, "SELECT count(*) FROM other_app.keep", Token));
        }

        var again = await Cli(environment, "topology", "down", "--drop-schema");
        Assert.Equal(ExitCodes.BadInput, again.Code);
        Assert.StartsWith("replicabench: no topology is up", again.Stderr, StringComparison.Ordinal);
        foreach (var output in new[] { up, forget, drop, again })
        {
            Assert.DoesNotContain(endpoints.Password, output.Stdout + output.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_external_topology_json_holds_no_password_and_status_finds_it_again_in_the_environment()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);
        var environment = endpoints.Environment();
        var file = Path.Combine(_stateDir, TopologyStateDirectory.FileName);

        Assert.Equal(0, (await Cli(environment, "topology", "up", "--provider", "external")).Code);
        var json = await File.ReadAllTextAsync(file, Token);
        var mode = File.GetUnixFileMode(file);
        var status = await Cli(environment, "topology", "status", "--json");
        var withoutPassword = await Cli(new Dictionary<string, string>(), "topology", "status");
        await Cli(environment, "topology", "down");

        Assert.DoesNotContain(endpoints.Password, json, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        Assert.True(status.Code == 0, status.Stderr);
        Assert.Contains("\"provider\": \"external\"", status.Stdout, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, withoutPassword.Code);
        Assert.Contains("the server asks for a password and none was given", withoutPassword.Stdout, StringComparison.Ordinal);
    }

    private Task<(int Code, string Stdout, string Stderr)> Cli(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        CliProcess.RunAsync([.. arguments, "--state-dir", _stateDir], environment);

    private static async Task<bool> SuiteSchemaExistsAsync(ScratchDatabase scratch)
    {
        await using var admin = await WorkloadDatabase.OpenAsync(scratch.Primary, Token);
        return await WorkloadDatabase.ScalarAsync(admin, $"SELECT count(*) FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}'", Token) == 1;
    }
}
