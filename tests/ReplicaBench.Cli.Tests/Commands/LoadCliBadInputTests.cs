using ReplicaBench.Cli;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>'replicabench load' refuses bad input with one line, exit 2, before any server starts or any file is written.</summary>
public sealed class LoadCliBadInputTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--scenario nope", "unknown scenario 'nope'")]
    [InlineData("--scenario read-heavy --policy fastest", "unknown routing policy 'fastest'")]
    [InlineData("--scenario read-heavy --policy bounded-staleness:soon", "bounded-staleness:soon")]
    [InlineData("--scenario read-heavy --rate 0", "--rate 0 is not a positive rate")]
    [InlineData("--scenario read-heavy --rate -5", "--rate -5 is not a positive rate")]
    [InlineData("--scenario read-heavy --vus 4 --rate 100", "both --vus and --rate")]
    [InlineData("--scenario read-heavy --vus 0", "--vus 0 is not a positive number")]
    [InlineData("--scenario read-heavy --threshold p99~5ms", "threshold 'p99~5ms'")]
    [InlineData("--scenario read-heavy --threshold p99<5parsecs", "p99<5parsecs")]
    [InlineData("--scenario read-heavy --replicas 2 --threshold replica3.p99<1ms", "no operation or node 'replica3'")]
    [InlineData("--scenario read-heavy --threshold dropped<1%", "applies to open-model runs")]
    [InlineData("--scenario read-heavy --replicas 0,9", "'9' is not a replica count from 0 to 8")]
    [InlineData("--scenario read-heavy --replicas -1", "--replicas")]
    [InlineData("--scenario read-heavy --replicas 1,1", "lists 1 twice")]
    [InlineData("--scenario read-heavy --duration forever", "forever")]
    [InlineData("--scenario read-heavy --seed-rows 0", "--seed-rows 0 is out of range")]
    [InlineData("--scenario read-heavy --replicas 1 --apply-delay replica2=10ms", "replica2")]
    [InlineData("--scenario read-heavy --arrivals bursty --rate 100", "--arrivals 'bursty'")]
    [InlineData("--scenario read-heavy --visibility-probe 1ms", "--visibility-probe 1ms is too short")]
    [InlineData("--scenario read-heavy --visibility-probe sometimes", "sometimes")]
    [InlineData("--replicas 0", "no workload given; add --scenario NAME")]
    [InlineData("--scenario custom", "--scenario custom runs the mix given with --mix, and there is none")]
    [InlineData("--scenario balanced --mix point-read=90,update=10", "--scenario balanced and --mix both set the operation mix")]
    [InlineData("--mix balanced", "--mix 'balanced' is the name of a scenario; use --scenario balanced")]
    [InlineData("--mix point-read=90,update=5", "--mix 'point-read=90,update=5' adds up to 95, not 100")]
    [InlineData("--mix point-read=110,update=-10", "the weight of point-read is 110, over 100")]
    [InlineData("--mix point-read=100,insert=-1,update=1", "the weight of insert is -1, negative")]
    [InlineData("--mix read=90,write=10", "unknown operation 'read'")]
    [InlineData("--mix point-read=50,point-read=50", "gives point-read twice")]
    [InlineData("--mix ,", "--mix is empty")]
    [InlineData("--mix point-read=100 --vus 4 --rate 100", "both --vus and --rate")]
    [InlineData("--script /nonexistent/top-queries.sql", "script '/nonexistent/top-queries.sql' does not exist")]
    [InlineData("--scenario read-heavy --no-seed", "--no-seed leaves the suite's own table out")]
    [InlineData("--scenario read-heavy --define scale=10", "--define sets variables of your own scripts")]
    public async Task Load_rejects_bad_options_before_starting_anything(string options, string expected) =>
        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), options, expected);

    [Theory]
    [InlineData("select.sql@0", "SELECT 1;\n", "the weight '0' is not a positive whole number")]
    [InlineData("select.sql@1.5", "SELECT 1;\n", "the weight '1.5' is not a positive whole number")]
    [InlineData("select.sql", "\\set aid random(1,\nSELECT 1;\n", "select.sql:1: ")]
    [InlineData("select.sql", "\\shell ls\n", "select.sql:1: unknown meta-command \\shell")]
    [InlineData("select.sql", "SELECT * FROM t WHERE id = :id;\n", "variable \"id\" is used before any \\set gives it a value")]
    [InlineData("select.sql", "SELECT 'unterminated;\n", "select.sql:1: ")]
    public async Task A_bad_script_is_one_line_naming_the_file_before_starting_anything(string argument, string content, string expected)
    {
        File.WriteAllText(_temp.Combine("select.sql"), content);

        await CliRunner.AssertLoadRefusedAsync(_temp.Combine("run"), $"--script {_temp.Combine(argument)}", expected);
    }

    [Fact]
    public async Task An_output_folder_holding_another_run_is_refused_without_force()
    {
        var output = _temp.Combine("run");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "results.json"), "{\"schemaVersion\":1}");

        var (code, _, stderr) = await CliRunner.RunAsync($"load --scenario read-heavy --out {output}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("already holds a run", stderr, StringComparison.Ordinal);
        Assert.Contains("--force", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Equal("{\"schemaVersion\":1}", File.ReadAllText(Path.Combine(output, "results.json")));
    }

    [Fact]
    public async Task A_state_dir_with_fewer_replicas_than_asked_for_is_refused()
    {
        var state = _temp.Combine("state");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "topology.json"), TopologyJsonWithReplicas(1));

        var (code, _, stderr) = await CliRunner.RunAsync($"load --scenario point-read --replicas 2 --state-dir {state} --out {_temp.Combine("run")}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("asks for 2 replica(s), and the topology in", stderr, StringComparison.Ordinal);
        Assert.Contains("has 1; give counts from 0 to 1 (each uses the first that many)", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
    }

    [Fact]
    public async Task A_state_dir_sweep_over_its_first_replicas_is_accepted()
    {
        var state = _temp.Combine("state");
        Directory.CreateDirectory(state);
        File.WriteAllText(Path.Combine(state, "topology.json"), TopologyJsonWithReplicas(2));

        var (code, stdout, stderr) = await CliRunner.RunAsync($"load --scenario point-read --replicas 0,1,2 --state-dir {state} --out {_temp.Combine("run")} --check");

        Assert.True(code == ExitCodes.Success, stderr);
        Assert.Contains("on 0, 1, 2 replica(s)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_help_lists_the_scenarios_and_options()
    {
        var (code, stdout, _) = await CliRunner.RunAsync("load --help");

        Assert.Equal(ExitCodes.Success, code);
        foreach (var expected in new[] { "point-read", "read-heavy", "balanced", "write-heavy", "--mix", "range-read", "--threshold", "--state-dir", "--force" })
        {
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
        }
    }

    private static string TopologyJsonWithReplicas(int replicas)
    {
        var nodes = new List<string>
        {
            """{"name":"primary","role":"primary","host":"127.0.0.1","port":5432,"connectionString":"Host=127.0.0.1;Port=5432"}""",
        };
        for (var i = 1; i <= replicas; i++)
        {
            nodes.Add($$"""{"name":"replica{{i}}","role":"replica","host":"127.0.0.1","port":{{5432 + i}},"connectionString":"Host=127.0.0.1;Port={{5432 + i}}"}""");
        }

        return $$"""{"schemaVersion":1,"provider":"local","createdAt":"2026-11-27T00:00:00+00:00","nodes":[{{string.Join(',', nodes)}}]}""";
    }
}
