using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests;

/// <summary>Bad input gives one line naming the problem and the fix, exit 2, no stack trace, nothing started.</summary>
public sealed class CliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--replicas -1", "--replicas -1 is out of range")]
    [InlineData("--replicas 9", "--replicas 9 is out of range")]
    [InlineData("--replicas two", "two")]
    [InlineData("--apply-delay soon", "--apply-delay: 'soon' is not a delay")]
    [InlineData("--apply-delay replica5=10ms --replicas 2", "'replica5', which is not a replica")]
    [InlineData("--provider cloud", "cloud")]
    [InlineData("--image postgres:15", "--image and --network apply to --provider containers only")]
    [InlineData("--provider containers --network overlay", "overlay")]
    [InlineData("--provider containers --image -x", "--image '-x' is not a Docker image reference")]
    [InlineData("--pooler odyssey", "--pooler 'odyssey' is not a pooler this suite knows; use one of: none, pgbouncer, rds-proxy.")]
    [InlineData("--pooler pgbouncer --provider external", "--pooler pgbouncer cannot be used with --provider external")]
    public async Task Topology_up_rejects_bad_options(string options, string expected)
    {
        var (code, stdout, stderr) = await CliRunner.RunAsync($"topology up --state-dir {_temp.Path} {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(_temp.Combine("topology.json")));
    }

    [Theory]
    [InlineData("topology status")]
    [InlineData("topology down")]
    public async Task Status_and_down_with_no_topology_say_there_is_none(string command)
    {
        var (code, _, stderr) = await CliRunner.RunAsync($"{command} --state-dir {_temp.Path}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"replicabench: no topology is up in {_temp.Path}", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task An_unwritable_state_dir_is_refused_before_anything_starts()
    {
        var file = _temp.Combine("file");
        File.WriteAllText(file, string.Empty);

        var (code, _, stderr) = await CliRunner.RunAsync($"topology up --state-dir {file}/state");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is not writable", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task An_unknown_command_points_to_help()
    {
        var (code, _, stderr) = await CliRunner.RunAsync("topology upp");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("replicabench topology --help", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task Every_command_and_option_has_help_text()
    {
        var root = ReplicaBenchCli.BuildRoot();
        var commands = new List<System.CommandLine.Command>();
        void Walk(System.CommandLine.Command c)
        {
            commands.Add(c);
            foreach (var sub in c.Subcommands)
            {
                Walk(sub);
            }
        }

        Walk(root);
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c.Description), $"command '{c.Name}' has no description"));
        Assert.All(
            commands.SelectMany(c => c.Options),
            o => Assert.False(string.IsNullOrWhiteSpace(o.Description), $"option '{o.Name}' has no description"));

        var (code, stdout, _) = await CliRunner.RunAsync("topology up --help");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("--apply-delay", stdout, StringComparison.Ordinal);
    }
}
