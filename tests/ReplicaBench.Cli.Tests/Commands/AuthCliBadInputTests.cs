namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// <c>auth rds-token</c> refuses a bad port or an empty value before looking for credentials or a
/// region: one line, exit 2, nothing on stdout (where a token would go).
/// </summary>
public sealed class AuthCliBadInputTests
{
    [Theory]
    [InlineData("--port five", "--port 'five' is not a number; use a TCP port from 1 to 65535 (PostgreSQL's default is 5432).")]
    [InlineData("--port 0", "--port 0 is out of range; use a TCP port from 1 to 65535 (PostgreSQL's default is 5432).")]
    [InlineData("--port 65536", "--port 65536 is out of range; use a TCP port from 1 to 65535 (PostgreSQL's default is 5432).")]
    [InlineData("--port -1", "--port '-1' is not a number; use a TCP port from 1 to 65535 (PostgreSQL's default is 5432).")]
    public async Task A_port_that_is_not_1_to_65535_is_refused(string port, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync($"auth rds-token --host mydb.c1abcdefghij.us-east-1.rds.amazonaws.com --user jane {port}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"replicabench: {expected}", stderr.TrimEnd('\n'));
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("--port 5432 --user jane", "Option '--host' is required")]
    [InlineData("--host h --user jane", "Option '--port' is required")]
    [InlineData("--host h --port 5432", "Option '--user' is required")]
    public async Task Host_port_and_user_are_required(string options, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync($"auth rds-token {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }
}
