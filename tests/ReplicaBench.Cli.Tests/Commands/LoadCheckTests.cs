using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load --check' validates a command line and runs nothing: what run-bench.ps1 does before its microbenchmarks.</summary>
public sealed class LoadCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_valid_command_line_is_described_and_nothing_is_created()
    {
        var output = _temp.Combine("run");

        var (code, stdout, stderr) = await CliRunner.RunAsync(
            $"load --scenario read-heavy --replicas 0,2 --policy primary-only,round-robin --vus 8 --duration 10s --warmup 2s --out {output} --check");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.Equal(
            "load: the arguments are valid: 4 cell(s): read-heavy on 0, 2 replica(s) × primary-only, round-robin; closed, 8 VUs; 10s per cell after 2s of warm-up",
            stdout.Trim());
        Assert.False(Directory.Exists(output), "--check must not create the output folder");
    }

    [Fact]
    public async Task Check_with_force_leaves_the_previous_run_in_place()
    {
        var output = _temp.Combine("run");
        Directory.CreateDirectory(Path.Combine(output, "cells", "r0-primary-only"));
        File.WriteAllText(Path.Combine(output, "results.json"), "{\"schemaVersion\":1}");

        var (code, _, _) = await CliRunner.RunAsync($"load --scenario point-read --out {output} --force --check");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("{\"schemaVersion\":1}", File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.True(Directory.Exists(Path.Combine(output, "cells", "r0-primary-only")));
    }

    [Fact]
    public async Task Bad_input_is_refused_under_check_as_it_is_without()
    {
        await CliRunner.AssertLoadRefusedAsync(
            _temp.Combine("run"), "--mix point-read=90,update=5 --check", "--mix 'point-read=90,update=5' adds up to 95, not 100");
    }
}
