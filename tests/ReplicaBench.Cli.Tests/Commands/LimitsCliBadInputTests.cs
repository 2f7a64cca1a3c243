using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>
/// 'replicabench limits' refuses bad input before anything starts: one line naming the problem and
/// the fix, exit 2, no stack trace, no output folder.
/// </summary>
public sealed class LimitsCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--write-rates 1000,500", "--write-rates 1000,500 is not increasing (500 after 1000); give the steps from the lowest rate up, e.g. --write-rates 500,1000,2000,4000.")]
    [InlineData("--write-rates 100,100", "--write-rates 100,100 is not increasing (100 after 100); give the steps from the lowest rate up, e.g. --write-rates 500,1000,2000,4000.")]
    [InlineData("--write-rates 0,100", "--write-rates has 0, which is not a rate; give positive writes per second, e.g. --write-rates 500,1000,2000,4000.")]
    [InlineData("--write-rates -5,100", "--write-rates has -5, which is not a rate; give positive writes per second, e.g. --write-rates 500,1000,2000,4000.")]
    [InlineData("--write-rates abc", "--write-rates 'abc': 'abc' is not a number; give writes per second, e.g. --write-rates 500,1000,2000,4000.")]
    [InlineData("--write-rates 100,200 --mix point-read=100", "--mix point-read=100 has no writes, and limits steps a write rate; give a mix with insert or update, e.g. --mix update=100 (the default) or point-read=50,update=50.")]
    public async Task Bad_rates_and_a_mix_without_writes_are_refused_in_one_line(string options, string expected)
    {
        var output = _temp.Combine("run");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"limits {options} --out {output}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("replicabench: " + expected, stderr.TrimEnd());
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Limits_on_an_external_topology_without_allow_writes_is_refused()
    {
        var state = RecordedTopology.Write(_temp.Combine("state"), "external", replicas: 1, writesAllowed: false);
        var output = _temp.Combine("run");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"limits --write-rates 100,200 --state-dir {state.Path} --out {output}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("allows no writes", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-writes", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(output));
    }
}
