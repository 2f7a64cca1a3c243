using ReplicaBench.Cli;
using ReplicaBench.LoadTests;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Settings;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'load --repeat N' measures each cell N times; compare reads the between-run variance from the repeats.</summary>
public sealed class LoadRepeatInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Repeat_3_of_2_topologies_and_2_policies_plans_12_cells_and_records_the_setting()
    {
        var output = _temp.Combine("run");

        var (code, stdout, stderr) = await CliRunner.RunAsync(
            $"load --scenario read-heavy --replicas 0,2 --policy primary-only,round-robin --vus 8 --duration 10s --warmup 2s --repeat 3 --out {output} --check");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.Equal(
            "load: the arguments are valid: 12 cell(s): read-heavy on 0, 2 replica(s) × primary-only, round-robin, each 3 times; closed, 8 VUs; 10s per cell after 2s of warm-up",
            stdout.Trim());
        var settings = LoadMatrixSettingsFactory.Create(new LoadSettings { Scenario = "read-heavy", Repeat = 3, Out = output }, Scenarios.Resolve);
        Assert.Equal(3, settings.Repeat);
        Assert.Equal(3, settings.SettingsForResults["repeat"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("21")]
    public async Task A_repeat_out_of_range_is_refused_in_one_line(string repeat)
    {
        await CliRunner.AssertLoadRefusedAsync(
            _temp.Combine("run"), $"--scenario point-read --repeat {repeat}", $"--repeat {repeat} is out of range; give 1 to 20 measurements per cell");
    }

    [Fact]
    public void Repeats_after_the_first_add_their_index_to_the_cell_id_and_the_first_keeps_the_plain_id()
    {
        Assert.Equal("r0-primary-only", MatrixCell.IdFor(0, "primary-only", 1));
        Assert.Equal("r0-primary-only#2", MatrixCell.IdFor(0, "primary-only", 2));
        Assert.Equal("r2-bounded-staleness-100ms#10", MatrixCell.IdFor(2, "bounded-staleness:100ms", 10));
    }
}
