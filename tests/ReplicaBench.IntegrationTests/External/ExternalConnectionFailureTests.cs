using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.External;

/// <summary>
/// Endpoints that cannot be used: each is one clear line, exit 2, within a bounded time, and the
/// password is never part of what is printed.
/// </summary>
public sealed class ExternalConnectionFailureTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _stateDir = Directory.CreateTempSubdirectory("rb-it-ext-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task A_wrong_password_is_one_line_naming_28P01_and_never_the_password()
    {
        var environment = new LocalAsExternal(fixture.Topology).Environment();
        const string WrongPassword = "not-the-Password-9431";
        environment[ExternalPassword.PasswordVariable] = WrongPassword;

        var (code, stdout, stderr) = await UpAsync(environment);

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLine(stderr);
        Assert.Contains("primary at ", stderr, StringComparison.Ordinal);
        Assert.Contains("wrong password (28P01)", stderr, StringComparison.Ordinal);
        Assert.Contains($"check the password from {ExternalPassword.PasswordVariable}", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_one_line_exit_2_at_once()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);
        var closed = FreeTcpPorts.Take(1)[0];
        var environment = endpoints.Environment(replicas: $"{endpoints.Address("replica1")},127.0.0.1:{closed}");

        var started = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<BadInputException>(() => LocalAsExternal.UpAsync(environment));
        var elapsed = started.Elapsed;
        var (code, _, stderr) = await UpAsync(environment);

        Assert.StartsWith($"replica2 at 127.0.0.1:{closed}: cannot connect: ConnectionRefused; check the host and port", ex.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed.TotalSeconds:0.0}s");
        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLine(stderr);
        Assert.Contains("ConnectionRefused", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_accepts_but_never_answers_is_reported_within_the_connect_timeout()
    {
        // Like a proxy or load balancer in front of a dead server: TCP connects, PostgreSQL never speaks.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var environment = new LocalAsExternal(fixture.Topology).Environment(replicas: $"127.0.0.1:{port}");
        environment[ExternalEnvironment.ConnectTimeout] = "1s";

        var started = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<BadInputException>(() => LocalAsExternal.UpAsync(environment));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(6), $"took {started.Elapsed.TotalSeconds:0.0}s");
        Assert.StartsWith($"replica1 at 127.0.0.1:{port}: ", ex.Message, StringComparison.Ordinal);
        Assert.Matches("timed out|no answer within", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task A_database_that_does_not_exist_is_named()
    {
        var environment = new LocalAsExternal(fixture.Topology).Environment(database: "no_such_database");

        var ex = await Assert.ThrowsAsync<BadInputException>(() => LocalAsExternal.UpAsync(environment));

        Assert.Contains("database does not exist (3D000)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("check the database name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_password_from_any_source_says_where_to_put_one()
    {
        var environment = new LocalAsExternal(fixture.Topology).Environment();
        environment.Remove(ExternalPassword.PasswordVariable);

        var ex = await Assert.ThrowsAsync<BadInputException>(() => LocalAsExternal.UpAsync(environment));

        Assert.Contains("the server asks for a password and none was given", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"set {ExternalPassword.PasswordVariable} or PGPASSWORD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_file_is_used_per_endpoint()
    {
        var endpoints = new LocalAsExternal(fixture.Topology);
        var environment = endpoints.Environment();
        environment.Remove(ExternalPassword.PasswordVariable);
        var passFile = Path.Combine(_stateDir, "pgpass");
        File.WriteAllText(passFile, $"127.0.0.1:*:replicabench:{endpoints.User}:{endpoints.Password.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal)}\n");
        File.SetUnixFileMode(passFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        environment[ExternalPassword.PassFileVariable] = passFile;

        var topology = await LocalAsExternal.UpAsync(environment);

        Assert.Equal($"password file {passFile}", topology.External!.PasswordSource);
    }

    [Fact]
    public async Task A_malformed_password_file_line_is_one_line_naming_the_file()
    {
        var environment = new LocalAsExternal(fixture.Topology).Environment();
        environment.Remove(ExternalPassword.PasswordVariable);
        var passFile = Path.Combine(_stateDir, "pgpass");
        File.WriteAllText(passFile, "127.0.0.1:5432:only-three-fields\n");
        File.SetUnixFileMode(passFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        environment[ExternalPassword.PassFileVariable] = passFile;

        var (code, stdout, stderr) = await UpAsync(environment);

        Assert.Equal(ExitCodes.BadInput, code);
        AssertOneLine(stderr);
        Assert.Contains("not well-formed", stderr, StringComparison.Ordinal);
        Assert.Contains($"fix {passFile}: every line hostname:port:database:username:password", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
    }

    private Task<(int Code, string Stdout, string Stderr)> UpAsync(Dictionary<string, string> environment) =>
        CliProcess.RunAsync(["topology", "up", "--provider", "external", "--state-dir", _stateDir], environment);

    private static void AssertOneLine(string stderr)
    {
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.StartsWith("replicabench: ", stderr, StringComparison.Ordinal);
    }
}
