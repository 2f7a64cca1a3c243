using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

public sealed class RunFileNamesTests
{
    [Fact]
    public async Task Streamed_files_carry_their_final_names_and_grow_while_the_run_is_still_running()
    {
        using var output = new TempDirectory();
        var log = Path.Combine(output.Path, "latency.hlog");
        var series = Path.Combine(output.Path, "series.jsonl");
        var seen = new List<(bool Running, long LogBytes, int SeriesLines)>();
        Task<LoadRunResult>? run = null;
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("tailed", context =>
        {
            var op = context.Operation("tailed");
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(op)));
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))))
        .WithWarmUp(TimeSpan.FromSeconds(1))
        .WithDuration(TimeSpan.FromSeconds(2));
        var options = new LoadRunOptions
        {
            OutputDirectory = output.Path,
            FileNames = new RunFileNames("latency.hlog", "series.jsonl"),
            Progress = new InlineProgress(_ => seen.Add((
                run is null || !run.IsCompleted,
                File.Exists(log) ? new FileInfo(log).Length : -1,
                File.Exists(series) ? File.ReadAllLines(series).Length : -1))),
        };

        run = FakeClockRun.RunAsync(scenario, clock, options);
        var result = await run;

        // As each of the three intervals closes: the run header plus one line per interval so far,
        // and one more histogram line in the log, under the names the files keep.
        Assert.Equal([2, 3, 4], seen.Select(s => s.SeriesLines));
        Assert.All(seen, s => Assert.True(s.Running));
        Assert.True(seen[0].LogBytes > 0, "the log was not there while the run ran");
        Assert.True(seen[1].LogBytes > seen[0].LogBytes && seen[2].LogBytes > seen[1].LogBytes, "the log did not grow as intervals closed");
        Assert.Equal(new RunFiles(log, series), result.Files);
        Assert.Equal(["latency.hlog", "series.jsonl"], Directory.GetFiles(output.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("../latency.hlog", "series.jsonl")]
    [InlineData("latency.hlog", "sub/series.jsonl")]
    [InlineData("series.jsonl", "series.jsonl")]
    [InlineData("", "series.jsonl")]
    public async Task File_names_that_are_not_two_distinct_plain_names_are_bad_input(string intervalLog, string series)
    {
        var scenario = LoadScenario.Create("named", (_, _) => ValueTask.FromResult<IVirtualUser>(new ScriptedUser(_ => default)));
        var options = new LoadRunOptions { TimeProvider = FakeClockRun.NewClock(), FileNames = new RunFileNames(intervalLog, series) };

        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario, options, TestContext.Current.CancellationToken));
    }

    private sealed class InlineProgress(Action<TimeSeriesPoint> report) : IProgress<TimeSeriesPoint>
    {
        public void Report(TimeSeriesPoint value) => report(value);
    }
}
