using System.Globalization;
using ReplicaBench.Cli;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Load;
using ReplicaBench.IntegrationTests.Workload;
using ReplicaBench.Results;

namespace ReplicaBench.IntegrationTests.Metrics;

/// <summary>
/// <c>load --metrics-port</c> scraped by a real Prometheus every second during a short run on the
/// shared topology: what Prometheus stored must be the run's own count.
/// </summary>
public sealed class PrometheusScrapeTests(SharedTopologyFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-metrics-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_scraped_operation_counter_is_the_runs_count_plus_its_warm_up()
    {
        _ = fixture.Topology;
        if (PrometheusServer.MissingReason() is { } missing)
        {
            Assert.Skip(missing);
        }

        var port = FreePort.Next();
        await using var prometheus = await PrometheusServer.StartAsync(port, Token);
        var run = Path.Combine(_root, "run");

        var (code, stdout, stderr) = await CliProcess.RunAsync(
        [
            "load", "--scenario", "point-read", "--policy", "round-robin", "--replicas", "2", "--vus", "4", "--duration", "3s", "--warmup", "1s",
            "--seed-rows", WorkloadDatabase.SharedRows.ToString(CultureInfo.InvariantCulture), "--state-dir", fixture.StateDirectory.Path,
            "--out", run, "--metrics-port", port.ToString(CultureInfo.InvariantCulture),
        ]);
        Assert.True(code == ExitCodes.Success, $"exit {code}; stdout: {stdout}; stderr: {stderr}");

        using var results = ResultsJson.Read(run);
        var cell = Assert.Single(results.RootElement.GetProperty("cells").EnumerateArray());
        var cellId = cell.GetProperty("id").GetString()!;
        var measured = cell.GetProperty("operations").GetInt64();
        // The counter counts from the warm-up's first operation; results.json from the measured
        // window's. The warm-up's successes are in the cell's own interval log, tagged warmup/latency/...
        var warmUp = IntervalLogReader.MergeByTag(IntervalLogReader.Read(Path.Combine(run, "cells", cellId, "latency.hlog")))
            .Where(t => t.Key.StartsWith("warmup/latency/", StringComparison.Ordinal))
            .Sum(t => t.Value.TotalCount);

        var scraped = await prometheus.QueryAsync(
            $"sum(max_over_time(replicabench_operations_total{{cell=\"{cellId}\",outcome=\"success\"}}[5m]))", Token);

        // Exact (tolerance 0): load waits for one scrape after the run (LiveMetricsExport.FinalScrapeWait)
        // and lets its answer leave, so the last stored value holds every operation it recorded, and
        // both sides count the same recordings (the engine's RecordCompleted).
        Assert.True(measured > 100, $"the run measured only {measured} operations");
        Assert.True(warmUp > 0, "the warm-up ran operations");
        Assert.True(scraped is not null, $"no replicabench_operations_total for {cellId}; Prometheus has: {await prometheus.NamesAsync(Token)}");
        Assert.True(measured + warmUp == (long)scraped.Value, $"scraped {scraped}, the run counted {measured} measured + {warmUp} warm-up = {measured + warmUp}");
        // Over the run, not now: once load has exited, Prometheus marks its series stale.
        var lag = await prometheus.QueryAsync("count(max_over_time(replicabench_replica_lag_seconds[5m]))", Token);
        Assert.Equal(2, lag); // the shared topology's two replicas, each with a lag series
    }
}
