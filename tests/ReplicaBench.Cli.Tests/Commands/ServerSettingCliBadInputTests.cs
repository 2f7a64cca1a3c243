using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// <c>topology up --primary-setting/--replica-setting</c> input that is wrong before any server
/// runs: one line, exit 2, nothing started. (What PostgreSQL itself refuses needs a server: see
/// the integration tests' ServerSettingsTests.)
/// </summary>
public sealed class ServerSettingCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--primary-setting hot_standby_feedback", "--primary-setting 'hot_standby_feedback' is not NAME=VALUE")]
    [InlineData("--replica-setting work-mem=4MB", "'work-mem' is not a setting name")]
    [InlineData("--replica-setting work_mem=", "has no value after '='")]
    [InlineData("--replica-setting work_mem=4MB --replica-setting work_mem=8MB", "--replica-setting gives work_mem twice (4MB and 8MB); keep one.")]
    [InlineData("--provider external --replica-setting hot_standby_feedback=off", "set them in the RDS parameter group")]
    public async Task Malformed_or_unplaceable_settings_are_refused_before_anything_starts(string options, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync($"topology up --state-dir {_temp.Path} --replicas 1 {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(_temp.Combine("topology.json")));
    }
}
