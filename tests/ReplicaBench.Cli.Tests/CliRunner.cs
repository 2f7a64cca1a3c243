using ReplicaBench.Cli;

namespace ReplicaBench.Cli.Tests;

/// <summary>Runs the replicabench command in-process, capturing what it printed, and the checks every refusal shares.</summary>
internal static class CliRunner
{
    internal static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string commandLine)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ReplicaBenchCli.RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>
    /// Runs a <c>load</c> command line that must be refused: exit 2, the expected text in one line
    /// on stderr, nothing on stdout, and no output folder created.
    /// </summary>
    internal static async Task AssertLoadRefusedAsync(string output, string options, string expected)
    {
        var (code, stdout, stderr) = await RunAsync($"load --out {output} {options}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(Directory.Exists(output), "a rejected run must not create its output folder");
    }

    internal static void AssertOneLineWithoutStackTrace(string stderr)
    {
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }
}
