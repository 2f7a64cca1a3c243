namespace ReplicaBench.Benchmarks.Tests;

public sealed class BenchArgumentsTests
{
    [Fact]
    public void Takes_quick_and_out_off_the_command_line_and_passes_the_rest_to_BenchmarkDotNet()
    {
        var parsed = BenchArguments.Parse(["--quick", "--out", "/tmp/run1", "--filter", "*Routing*", "*Conn*", "--memory"], "/tmp/default");

        Assert.True(parsed.Quick);
        Assert.Equal("/tmp/run1", parsed.RunDirectory);
        Assert.Equal(["*Routing*", "*Conn*"], parsed.Filters);
        Assert.Equal(["--filter", "*Routing*", "*Conn*", "--memory"], parsed.BenchmarkDotNetArguments);
    }

    [Fact]
    public void No_filter_means_every_benchmark_so_nothing_waits_for_console_input()
    {
        var parsed = BenchArguments.Parse([], "/tmp/default");

        Assert.False(parsed.Quick);
        Assert.Equal("/tmp/default", parsed.RunDirectory);
        Assert.Equal(["*"], parsed.Filters);
        Assert.Equal(["--filter", "*"], parsed.BenchmarkDotNetArguments);
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--filter")]
    [InlineData("--filter --quick")]
    public void Options_without_their_value_are_bad_input(string commandLine)
    {
        var ex = Assert.Throws<BadInputException>(() => BenchArguments.Parse(commandLine.Split(' '), "/tmp/default"));
        Assert.Contains("e.g.", ex.Message, StringComparison.Ordinal);
    }
}
