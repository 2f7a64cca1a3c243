using ReplicaBench.Results;
using ReplicaBench.Runs.Merging;

namespace ReplicaBench.Tests.Runs.Merging;

/// <summary>Known answers of <c>merge</c> on two synthetic shards (<see cref="TwoShards"/>): no server needed.</summary>
public sealed class RunMergerTests
{
    [Fact]
    public void Operations_errors_and_per_node_counts_are_the_shards_sums()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);

        var cell = RunMerger.Merge([first, second], temp.Combine("merged")).Cells.Single();

        Assert.Equal(1000 + 1010, cell.Operations);
        Assert.Equal(1 + 3, cell.Errors);
        Assert.Equal(new Dictionary<string, long> { ["read-only"] = 1, ["timeout"] = 3 }, cell.ErrorsByKind);
        Assert.Equal(300, cell.StaleChecked);
        Assert.Equal(4, cell.StaleReads);
        Assert.Equal(4 / 300.0, cell.StaleReadRate!.Value, 6);
        Assert.Equal(2003, cell.Nodes.Single(n => n.Name == "replica1").Reads);
        Assert.Equal(11, cell.Nodes.Single(n => n.Name == "primary").Writes);
        Assert.Equal(2000, cell.OperationsByType.Single(o => o.Operation == "point-read").Count);
        Assert.Equal(new VirtualUserResults { Count = 4, MinOperations = 480, MaxOperations = 530 }, cell.VirtualUsers);
    }

    [Fact]
    public void Rates_are_the_summed_counts_over_the_cell_duration()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);

        var cell = RunMerger.Merge([first, second], temp.Combine("merged")).Cells.Single();

        Assert.Equal(2, cell.DurationSeconds);
        Assert.Equal(2010 / 2.0, cell.Throughput, 3);
        Assert.Equal(1000, cell.ReadThroughput!.Value, 3);
        Assert.Equal(5, cell.WriteThroughput!.Value, 3);

        // The agents' generator CPU: 0.5 + 1.5 CPU seconds over 2010 operations.
        Assert.Equal(2.0, cell.Generator!.CpuSeconds, 3);
        Assert.Equal(2.0 * 1_000_000 / 2010, cell.Generator.CpuMicrosPerOperation!.Value, 3);
    }

    [Fact]
    public void Merged_p99_is_the_p99_of_the_added_histograms_not_an_average_of_p99s()
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        var (first, second) = shards.Write(temp);

        var cell = RunMerger.Merge([first, second], temp.Combine("merged")).Cells.Single();

        // Independently: the measured histograms both shards logged, added here.
        var added = TwoShards.Added([.. shards.First.Measured(), .. shards.Second.Measured()]);
        Assert.Equal(2010, added.TotalCount);
        Assert.Equal(added.GetValueAtPercentile(99) / 1000.0, cell.LatencyMs!.P99!.Value, 3);
        Assert.Equal(added.GetValueAtPercentile(50) / 1000.0, cell.LatencyMs.P50!.Value, 3);

        // By hand: rank 1990 of 980 × 1 ms, 1000 × 2 ms, 10 × 5 ms, 20 × 100 ms is 5 ms (HdrHistogram's
        // highest equivalent value, 5.003 ms, within 0.1%); the shards' p99s (100 and 2 ms) average 51 ms.
        Assert.Equal(5.0, cell.LatencyMs.P99!.Value, 0.005);
        Assert.Equal(100.031, cell.LatencyMs.Max!.Value, 0.001);
    }

    [Fact]
    public void Node_and_operation_latency_come_from_their_own_tags_added()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);

        var cell = RunMerger.Merge([first, second], temp.Combine("merged")).Cells.Single();

        Assert.Equal(5.003, cell.Nodes.Single(n => n.Name == "primary").LatencyMs.P99!.Value, 0.001);
        Assert.Equal(5.003, cell.OperationsByType.Single(o => o.Operation == "update").LatencyMs.P50!.Value, 0.001);

        // replica1: 980 × 1 ms, 1000 × 2 ms, 20 × 100 ms; rank 1980 is the last 2 ms read.
        Assert.Equal(2.0, cell.Nodes.Single(n => n.Name == "replica1").LatencyMs.P99!.Value, 0.001);
    }

    [Fact]
    public void Per_second_series_is_summed_by_second_with_its_p99_from_the_added_logs()
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        var (first, second) = shards.Write(temp);

        var series = RunMerger.Merge([first, second], temp.Combine("merged")).Cells.Single().TimeSeries;

        Assert.Equal([1.0, 2.0], series.Select(s => s.T));
        Assert.Equal([500 + 600, 500 + 410.0], series.Select(s => s.Throughput));
        Assert.Equal([1 + 2, 0 + 1L], series.Select(s => s.Errors));
        Assert.Equal([1 + 0, 2 + 1L], series.Select(s => s.StaleReads));

        // The log's second [2 s, 3 s) after the cell start is the measured second t = 2 (warm-up 1 s).
        var secondTwo = TwoShards.Added([.. shards.First.MeasuredSecond(2), .. shards.Second.MeasuredSecond(2)]);
        Assert.Equal(secondTwo.GetValueAtPercentile(99) / 1000.0, series[1].P99Ms!.Value, 3);
        Assert.Equal(100.031, series[1].P99Ms!.Value, 0.001);
        Assert.Equal(2.0, series[0].P99Ms!.Value, 0.001);
    }

    [Fact]
    public void Merged_log_holds_every_interval_added_and_reads_back_to_the_same_totals()
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        var (first, second) = shards.Write(temp);
        var merged = temp.Combine("merged");

        var cell = RunMerger.Merge([first, second], merged).Cells.Single();

        var intervals = IntervalLogReader.Read(Path.Combine(merged, cell.Files!.HistogramLog!));
        var byTag = IntervalLogReader.MergeByTag(intervals);
        Assert.Equal(500 + 480 + 20 + 600 + 400, byTag["measurement/latency/point-read@replica1"].TotalCount);
        Assert.Equal(100, byTag["warmup/latency/point-read@replica1"].TotalCount);

        // Same tag, same second in both shards (4 ms apart): one interval, not two.
        Assert.Single(intervals, i => i.Tag == "measurement/latency/point-read@replica1" && i.Start < TwoShards.Start.AddSeconds(1.5));
    }

    [Fact]
    public void Server_side_figures_come_from_the_shard_that_took_them_and_shards_are_recorded()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);

        var results = RunMerger.Merge([first, second], temp.Combine("merged"));

        var cell = results.Cells.Single();
        Assert.Equal(TwoShards.FirstCell.Lag, cell.Lag);
        Assert.Empty(cell.Thresholds);
        Assert.Contains(cell.Warnings, w => w.Contains("p99<10ms", StringComparison.Ordinal));
        Assert.Null(cell.Memory);
        Assert.Equal([first, second], results.Shards!.Select(s => s.Origin));
        Assert.Equal(["1/2", "2/2"], results.Shards!.Select(s => s.Shard));
        Assert.Equal(["agent-shard-1", "agent-shard-2"], results.Shards!.Select(s => s.Host!.HostName));
        Assert.False(results.Run.Settings.ContainsKey("shard"));
        Assert.Null(results.Run.Machine);

        // What merge wrote reads back as a run like any other.
        Assert.Equal(results.Cells.Single().Operations, ResultsFile.Read(temp.Combine("merged", ResultsFile.FileName)).Cells.Single().Operations);
    }

    [Theory]
    [InlineData("vus", "8", "setting vus differs (4 vs 8)")]
    [InlineData("scenario", "\"write-heavy\"", "setting scenario differs")]
    public void Shards_with_different_settings_are_refused(string key, string value, string expected)
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        shards.Second.Settings[key] = value;
        var (first, second) = shards.Write(temp);

        var error = Assert.Throws<BadInputException>(() => RunMerger.Merge([first, second], temp.Combine("merged")));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(Directory.Exists(temp.Combine("merged")));
    }

    [Fact]
    public void Shards_of_different_topologies_are_refused()
    {
        using var temp = new TempDirectory();
        var shards = new TwoShards();
        shards.Second.Provider = "external";
        var (first, second) = shards.Write(temp);

        var error = Assert.Throws<BadInputException>(() => RunMerger.Merge([first, second], temp.Combine("merged")));

        Assert.Contains("the topology provider differs (local vs external)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_two_folders_or_a_folder_without_a_run_are_refused()
    {
        using var temp = new TempDirectory();
        var (first, _) = new TwoShards().Write(temp);
        Directory.CreateDirectory(temp.Combine("empty"));

        Assert.Contains("at least 2", Assert.Throws<BadInputException>(() => RunMerger.Merge([first], temp.Combine("m"))).Message, StringComparison.Ordinal);
        Assert.Contains("holds no run", Assert.Throws<BadInputException>(() => RunMerger.Merge([first, temp.Combine("empty")], temp.Combine("m"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_holding_a_run_is_refused_unless_forced_and_then_replaced()
    {
        using var temp = new TempDirectory();
        var (first, second) = new TwoShards().Write(temp);
        var merged = temp.Combine("merged");
        RunMerger.Merge([first, second], merged);
        File.WriteAllText(Path.Combine(merged, "cells", "stale-file"), "from the previous run");

        Assert.Contains("already holds a run", Assert.Throws<BadInputException>(() => RunMerger.Merge([first, second], merged)).Message, StringComparison.Ordinal);
        Assert.Equal(2010, RunMerger.Merge([first, second], merged, force: true).Cells.Single().Operations);
        Assert.False(File.Exists(Path.Combine(merged, "cells", "stale-file")));
    }
}
