using System.Text;
using Npgsql;
using ReplicaBench.IntegrationTests.External;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Local;

namespace ReplicaBench.IntegrationTests.Security;

/// <summary>
/// Every command, run as a user runs it (a child process), with a distinctive password and an
/// IAM-style key pair in its environment: neither the password nor the AWS secret key may reach
/// any output, log, state dir, run folder or report. The AWS access key id may appear only in the
/// token <c>auth rds-token</c> prints: an RDS token is a SigV4-presigned URL whose
/// <c>X-Amz-Credential</c> names the key id by design (never the secret, which only signs).
/// A topology of its own (one primary, one replica), with a role that has the password, reached
/// as external endpoints, the way RDS is.
/// </summary>
public sealed class SecretsTests : IDisposable
{
    private const string Password = "Sekr3t-Pa55-7f3a";
    private const string AccessKeyId = "AKIARBTEST7F3A0EXAMPLE";
    private const string SecretKey = "RbSecretKey7f3aDistinctiveValueQ9zW";
    private const string Role = "rb_secret_user";

    private readonly OwnTopologyFolders _folders = new();
    private readonly string _work = Directory.CreateTempSubdirectory("rb-it-secrets-").FullName;
    private readonly StringBuilder _printed = new();

    public SecretsTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _folders.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task No_command_prints_logs_or_stores_the_password_or_the_aws_secret_key()
    {
        var local = await UpLocalWithRoleAsync();
        try
        {
            var external = Path.Combine(_work, "external-state");
            var environment = new LocalAsExternal(local).Environment();
            environment[ExternalEnvironment.User] = Role;
            environment[ExternalPassword.PasswordVariable] = Password;
            environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
            environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
            environment["AWS_REGION"] = "us-east-1";
            environment["HOME"] = _work; // no profile of the machine's

            var run = Path.Combine(_work, "run");
            var state = new[] { "--state-dir", external };
            await Succeeds(environment, ["topology", "up", "--provider", "external", "--allow-writes", .. state]);
            var readers = Task.WhenAll(
                Succeeds(environment, ["topology", "status", .. state]),
                Succeeds(environment, ["lag", .. state]),
                Succeeds(environment, ["probe", "staleness", "--samples", "3", .. state]),
                Succeeds(environment, ["auth", "rds-token", "--host", "mydb.c1abcdefghij.us-east-1.rds.amazonaws.com", "--port", "5432", "--user", Role]));
            await Succeeds(environment, ["load", "--scenario", "point-read", "--policy", "round-robin", "--vus", "2", "--duration", "1s", "--warmup", "0s", "--generator-warmup", "0s", "--seed-rows", "1000", "--out", run, .. state]);
            var token = (await readers)[3];
            Assert.Contains("X-Amz-Credential=" + AccessKeyId, token, StringComparison.Ordinal);
            await Task.WhenAll(
                Succeeds(environment, ["report", run]),
                Succeeds(environment, ["compare", run, run, "--out", Path.Combine(_work, "compare.md")]),
                Succeeds(environment, ["plan", run, "--target-reads", "10", "--target-writes", "0", "--p99", "1s", "--max-staleness", "10s"]));

            // Help, and input that is refused: still nothing secret in what is printed.
            await Task.WhenAll(new[]
            {
                new[] { "--help" }, ["topology", "up", "--help"], ["load", "--help"], ["report", "--help"], ["compare", "--help"], ["plan", "--help"],
                ["merge", "--help"], ["lag", "--help"], ["probe", "staleness", "--help"], ["auth", "rds-token", "--help"], ["external", "prepare", "--help"],
                ["load", "--vus", "0", "--scenario", "point-read", "--out", run, .. state],
                ["merge", run, "--out", Path.Combine(_work, "merged")],
                ["topology", "up", "--provider", "external", "--tls", "--state-dir", Path.Combine(_work, "refused-state")],
            }.Select(arguments => Runs(environment, arguments)));
            // The password given for a user it is not: refused by the server, one line without it.
            var wrongUser = new Dictionary<string, string>(environment) { [ExternalEnvironment.User] = LocalTopologyProvider.UserName };
            await Runs(wrongUser, ["topology", "up", "--provider", "external", "--state-dir", Path.Combine(_work, "wrong-user-state")]);

            // Before anything is torn down: the external topology.json and the servers' logs are still there.
            await AssertNoSecretInFilesAsync(Path.Combine(external, TopologyStateDirectory.FileName));
            await Succeeds(environment, ["topology", "down", .. state]);
        }
        finally
        {
            await CliProcess.RunAsync(["topology", "down", "--state-dir", _folders.State.Path]);
        }

        var printed = _printed.ToString();
        Assert.DoesNotContain(Password, printed, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, printed, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(printed, AccessKeyId));

    }

    /// <summary>Every file written: the external state dir, the run folder, report, compare output, and the servers' data folders with their logs.</summary>
    private async Task AssertNoSecretInFilesAsync(string mustInclude)
    {
        var files = Directory.GetFiles(_work, "*", SearchOption.AllDirectories).Concat(Directory.GetFiles(_folders.DataParent, "*", SearchOption.AllDirectories)).ToList();
        Assert.Contains(mustInclude, files);
        Assert.Contains(files, f => f.EndsWith("index.html", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(".log", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, Token));
            Assert.False(text.Contains(Password, StringComparison.Ordinal), $"{file} holds the password");
            Assert.False(text.Contains(SecretKey, StringComparison.Ordinal), $"{file} holds the AWS secret key");
            Assert.False(text.Contains(AccessKeyId, StringComparison.Ordinal), $"{file} holds the AWS access key id");
        }
    }

    /// <summary>A local topology (its servers' logs under the test's data folder) with a superuser role that has the password.</summary>
    private async Task<TopologyDescriptor> UpLocalWithRoleAsync()
    {
        var up = await CliProcess.RunAsync(
            ["topology", "up", "--replicas", "1", "--state-dir", _folders.State.Path],
            new Dictionary<string, string> { [LocalTopologyProvider.DataRootEnvironmentVariable] = _folders.DataParent });
        Assert.True(up.Code == 0, up.Stderr);
        var local = _folders.State.Read();
        await using (var admin = new NpgsqlConnection(local.Primary.ConnectionString))
        {
            await admin.OpenAsync(Token);
            await using var create = new NpgsqlCommand($"CREATE ROLE {Role} LOGIN SUPERUSER PASSWORD '{Password}'", admin);
            await create.ExecuteNonQueryAsync(Token);
        }

        await new LocalAsExternal(local).WaitForReplicasAsync(Token);
        return local;
    }

    private async Task<string> Succeeds(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(arguments, environment);
        Record(stdout, stderr);
        Assert.True(code == 0, $"{string.Join(' ', arguments)}: exit {code}; stderr: {stderr}");
        return stdout;
    }

    private async Task Runs(IReadOnlyDictionary<string, string> environment, string[] arguments)
    {
        var (code, stdout, stderr) = await CliProcess.RunAsync(arguments, environment);
        Record(stdout, stderr);
        Assert.True(code != 0 || arguments.Contains("--help"), $"{string.Join(' ', arguments)} should have been refused");
    }

    private void Record(string stdout, string stderr)
    {
        lock (_printed)
        {
            _printed.Append(stdout).Append('\n').Append(stderr).Append('\n');
        }
    }
}
