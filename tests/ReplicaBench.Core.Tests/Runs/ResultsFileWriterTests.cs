using System.Globalization;
using System.Text.Json;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Memory;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Tests.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Tests.Runs;

/// <summary>results.json has the contract's shape (RESULTS_SCHEMA.md), in invariant culture, written atomically.</summary>
public sealed class ResultsFileWriterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_cell_carries_every_field_of_the_contract_with_the_measured_values()
    {
        var cell = await RunCellAsync();
        var json = ResultsFileWriter.ToJson(Run(complete: true), Settings(), [cell]);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        var run = root.GetProperty("run");
        foreach (var name in new[] { "id", "startedAt", "finishedAt", "complete", "suite", "machine", "postgres", "provider", "sameHost", "settings" })
        {
            Assert.True(run.TryGetProperty(name, out _), $"run.{name} is missing");
        }

        Assert.Equal("2026-11-27T13:05:01Z", run.GetProperty("startedAt").GetString());
        Assert.Equal(2, run.GetProperty("machine").GetProperty("cores").GetInt32());
        var written = root.GetProperty("cells")[0];
        foreach (var name in new[]
                 {
                     "id", "replicas", "policy", "scenario", "durationSeconds", "operations", "throughput", "readThroughput",
                     "writeThroughput", "latencyMs", "errors", "errorsByKind", "staleReads", "staleReadRate", "readYourWritesViolations",
                     "staleAgeMs", "late", "dropped", "targetRate", "achievedRate", "virtualUsers", "nodes", "operationsByType",
                     "routing", "memory", "timeSeries", "lag", "thresholds", "files",
                 })
        {
            Assert.True(written.TryGetProperty(name, out _), $"cells[0].{name} is missing");
        }

        foreach (var percentile in new[] { "p50", "p90", "p95", "p99", "p999", "max", "mean" })
        {
            Assert.True(written.GetProperty("latencyMs").TryGetProperty(percentile, out _), $"latencyMs.{percentile} is missing");
        }

        Assert.Equal("r1-round-robin", written.GetProperty("id").GetString());
        Assert.Equal(1, written.GetProperty("replicas").GetInt32());
        var nodes = written.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!);
        Assert.Equal("primary", nodes["primary"].GetProperty("role").GetString());
        Assert.Equal("replica", nodes["replica1"].GetProperty("role").GetString());
        Assert.Equal(0, nodes["primary"].GetProperty("reads").GetInt64());
        Assert.True(nodes["primary"].GetProperty("writes").GetInt64() > 0);
        Assert.True(nodes["replica1"].GetProperty("reads").GetInt64() > 0);
        Assert.Equal(0, nodes["replica1"].GetProperty("writes").GetInt64());
        Assert.Equal(cell.Result.Total.Succeeded, written.GetProperty("operations").GetInt64());
        Assert.Equal(2.0, written.GetProperty("latencyMs").GetProperty("p50").GetDouble(), 0.05);
        Assert.Equal(1, written.GetProperty("errorsByKind").GetProperty("timeout").GetInt64());
        Assert.Equal("p99<5ms", written.GetProperty("thresholds")[0].GetProperty("expression").GetString());
        Assert.True(written.GetProperty("thresholds")[0].GetProperty("passed").GetBoolean());
        Assert.Equal(0.5, written.GetProperty("lag")[0].GetProperty("replayLagMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, written.GetProperty("lag")[0].GetProperty("byteLag").ValueKind);
        Assert.Equal("cells/r1-round-robin/latency.hlog", written.GetProperty("files").GetProperty("histogramLog").GetString());
        Assert.NotEmpty(written.GetProperty("timeSeries").EnumerateArray());
    }

    [Fact]
    public async Task Numbers_are_written_in_invariant_culture_whatever_the_current_culture()
    {
        var cell = await RunCellAsync();
        var previous = CultureInfo.CurrentCulture;
        string json;
        try
        {
            // Globalization-invariant mode has no de-DE: a culture with a decimal comma is built by hand.
            var decimalComma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            decimalComma.NumberFormat.NumberDecimalSeparator = ",";
            decimalComma.NumberFormat.NumberGroupSeparator = ".";
            CultureInfo.CurrentCulture = decimalComma;
            Assert.Equal("2,5", 2.5.ToString(CultureInfo.CurrentCulture));
            json = ResultsFileWriter.ToJson(Run(complete: true), Settings(), [cell]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        using var document = JsonDocument.Parse(json);
        Assert.Equal(2.5, document.RootElement.GetProperty("run").GetProperty("settings").GetProperty("rate").GetDouble());
        Assert.Contains("\"rate\": 2.5", json, StringComparison.Ordinal);
        Assert.Contains("\"p50\": 2", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_with_a_fault_schedule_writes_one_window_per_fault_and_one_without_writes_an_empty_list()
    {
        var cell = await RunCellAsync();
        var window = new FaultResult
        {
            Kind = "failover",
            Node = "replica1",
            At = 1.0,
            StartedAt = 1.002,
            CompletedAt = 1.9,
            FirstErrorAt = 1.01,
            LastErrorAt = 1.4,
            Errors = 12,
            ErrorsByKind = new Dictionary<string, long> { ["connection-refused"] = 12 },
            PreFaultThroughput = 1000,
            LowestThroughput = 200,
            RecoveryMs = 1000,
            ReadsRedirected = 7,
            WriteUnavailableMs = 412.5,
            Promoted = "replica1",
        };

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(complete: true), Settings(), [cell with { Faults = [window] }, cell]));

        var cells = document.RootElement.GetProperty("cells");
        var fault = Assert.Single(cells[0].GetProperty("faults").EnumerateArray());
        Assert.Equal("failover", fault.GetProperty("kind").GetString());
        Assert.Equal("replica1", fault.GetProperty("node").GetString());
        Assert.Equal(1.0, fault.GetProperty("at").GetDouble());
        Assert.Equal(1.01, fault.GetProperty("firstErrorAt").GetDouble());
        Assert.Equal(12, fault.GetProperty("errorsByKind").GetProperty("connection-refused").GetInt64());
        Assert.Equal(1000, fault.GetProperty("recoveryMs").GetDouble());
        Assert.Equal(412.5, fault.GetProperty("writeUnavailableMs").GetDouble());
        Assert.Equal(JsonValueKind.Null, fault.GetProperty("error").ValueKind);
        Assert.Empty(fault.GetProperty("leftOut").EnumerateArray());
        Assert.Empty(cells[1].GetProperty("faults").EnumerateArray());
    }

    [Fact]
    public async Task A_cell_records_the_weights_of_the_mix_it_ran_by_operation_name()
    {
        var cell = await RunCellAsync() with { Mix = WorkloadMixParser.Parse("point-read=90,update=10", "--mix") };

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(complete: true), Settings(), [cell]));

        var mix = document.RootElement.GetProperty("cells")[0].GetProperty("mix");
        Assert.Equal(
            [("point-read", 90), ("range-read", 0), ("insert", 0), ("update", 10)],
            mix.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())).ToArray());
    }

    [Fact]
    public async Task A_cell_sums_up_the_load_generators_memory_over_the_measured_window()
    {
        var cell = await RunCellAsync();
        var sampled = cell with
        {
            Result = cell.Result with
            {
                Samples =
                [
                    new(ProcessMemorySampler.WorkingSetSeries, TimeSpan.FromSeconds(0.5), 100.04),
                    new(ProcessMemorySampler.ManagedHeapSeries, TimeSpan.FromSeconds(0.5), 20),
                    new(ProcessMemorySampler.WorkingSetSeries, TimeSpan.FromSeconds(1), 112.5),
                    new(ProcessMemorySampler.ManagedHeapSeries, TimeSpan.FromSeconds(1), 22),
                    new(ProcessMemorySampler.WorkingSetSeries, TimeSpan.FromSeconds(1.5), 104.96),
                    new(ProcessMemorySampler.ManagedHeapSeries, TimeSpan.FromSeconds(1.5), 21),
                ],
            },
        };

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(complete: true), Settings(), [sampled, cell]));

        var memory = document.RootElement.GetProperty("cells")[0].GetProperty("memory");
        var workingSet = memory.GetProperty("workingSetMB");
        Assert.Equal(
            [("baseline", 100.0), ("max", 112.5), ("end", 105.0), ("growth", 4.9), ("maxGrowth", 12.5)],
            workingSet.EnumerateObject().Select(p => (p.Name, p.Value.GetDouble())).ToArray());
        Assert.Equal(1.0, memory.GetProperty("managedHeapMB").GetProperty("growth").GetDouble());
        Assert.Equal(3, memory.GetProperty("samples").GetInt32());
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("cells")[1].GetProperty("memory").ValueKind);
    }

    [Fact]
    public void An_interrupted_run_with_no_cells_is_valid_and_says_it_is_incomplete()
    {
        var path = _temp.Combine("results.json");

        ResultsFileWriter.Write(path, Run(complete: false), Settings(), []);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        Assert.False(document.RootElement.GetProperty("run").GetProperty("complete").GetBoolean());
        Assert.Empty(document.RootElement.GetProperty("cells").EnumerateArray());
        Assert.False(File.Exists(path + ".tmp"), "the temporary file must be renamed into place");
    }

    [Fact]
    public void Cell_ids_name_the_replica_count_and_the_policy_and_are_safe_folder_names()
    {
        Assert.Equal("r0-primary-only", MatrixCell.IdFor(0, "primary-only"));
        Assert.Equal("r2-bounded-staleness-100ms", MatrixCell.IdFor(2, "bounded-staleness:100ms"));
    }

    private static RunMetadata Run(bool complete) => new()
    {
        Id = "20261127-130501",
        StartedAt = new DateTimeOffset(2026, 11, 27, 13, 5, 1, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 27, 13, 6, 1, TimeSpan.Zero),
        Complete = complete,
        Suite = new SuiteIdentity("0.1.0", "abc1234"),
        Machine = new MachineInfo("host", "Linux", "CPU", 2, 24),
        PostgresVersion = "15.18",
        Provider = "local",
        SameHost = true,
    };

    private static Dictionary<string, object?> Settings() => new(StringComparer.Ordinal)
    {
        ["scenario"] = "read-heavy",
        ["replicas"] = new[] { 1 },
        ["policies"] = new[] { "round-robin" },
        ["rate"] = 2.5,
        ["vus"] = null,
        ["thresholds"] = new[] { "p99<5ms" },
    };

    // A real engine run on a fake clock: reads take 2 ms on replica1, every fourth operation is a
    // 2 ms write on the primary, and one write times out.
    private static async Task<MatrixCell> RunCellAsync(TimeSpan? warmUp = null)
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("read-heavy", context =>
            {
                var read = context.Operation("point-read");
                var write = context.Operation("insert");
                var primary = context.Node("primary");
                var replica = context.Node("replica1");
                var count = 0;
                return new ScriptedUser(token =>
                {
                    count++;
                    var outcome = count == 10
                        ? LoadOutcome.Failure(write, primary, "timeout")
                        : count % 4 == 0
                            ? LoadOutcome.Success(write, primary)
                            : LoadOutcome.Success(read, replica, StalenessObservation.Fresh);
                    return FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(2), outcome, token);
                });
            })
            .WithOperations(new OperationDefinition("point-read", OperationKind.Read), new OperationDefinition("insert", OperationKind.Write))
            .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
            .WithLoad(LoadShape.Closed(1))
            .WithWarmUp(warmUp ?? TimeSpan.Zero)
            .WithDuration(TimeSpan.FromSeconds(2))
            .WithThresholds("p99<5ms");
        var result = await FakeClockRun.RunAsync(scenario, clock);
        return new MatrixCell(
            "r1-round-robin",
            1,
            "round-robin",
            "read-heavy",
            result,
            [new ReplicaLagPoint(1, "replica1", 0.5, null, 12)],
            [new RoutedReads("replica1", "replica1", 10)],
            0,
            "cells/r1-round-robin/latency.hlog",
            "cells/r1-round-robin/series.jsonl");
    }
}
