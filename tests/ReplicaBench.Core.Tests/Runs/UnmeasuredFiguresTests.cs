using System.Text.Json;
using ReplicaBench.Engine;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Runs;
using ReplicaBench.Tests.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Runs;

/// <summary>
/// A figure that was not measured is written as null, never as 0: a reader cannot tell a 0 that
/// was measured from one that was not, and a capacity review would act on the wrong one.
/// </summary>
public sealed class UnmeasuredFiguresTests
{
    // Known answer: a closed-model cell of writes only (no read is checked for staleness), whose
    // first operation takes 1.5 s (so the first measured second completes nothing), a lag sample
    // the server did not fill in, and a replica the visibility probe never reached.
    [Fact]
    public async Task Figures_the_cell_did_not_measure_are_null_and_measured_zeros_stay_zero()
    {
        var cell = await WritesOnlyCellAsync();
        var json = ResultsFileWriter.ToJson(Run(), new Dictionary<string, object?>(StringComparer.Ordinal), [cell]);

        using var document = JsonDocument.Parse(json);
        var written = document.RootElement.GetProperty("cells")[0];
        foreach (var name in new[]
                 {
                     "staleReads", "staleReadRate", "readYourWritesViolations", "readYourWritesChecked", "readYourWritesViolationRate", "staleAgeMs", "servedStaleness", "catchUp",
                     "late", "dropped", "targetRate", "achievedRate", "scheduled", "started", "droppedAtStop", "lateThresholdMs", "scheduleLagMs",
                 })
        {
            Assert.True(written.GetProperty(name).ValueKind == JsonValueKind.Null, $"cells[0].{name} was not measured but reads {written.GetProperty(name).GetRawText()}");
        }

        Assert.Equal(0, written.GetProperty("staleChecked").GetInt64());
        Assert.Equal(0, written.GetProperty("errors").GetInt64());
        Assert.Equal(0, written.GetProperty("readThroughput").GetDouble());
        var firstSecond = written.GetProperty("timeSeries")[0];
        Assert.Equal(0, firstSecond.GetProperty("throughput").GetDouble());
        Assert.Equal(JsonValueKind.Null, firstSecond.GetProperty("p50Ms").ValueKind);
        Assert.Equal(JsonValueKind.Null, firstSecond.GetProperty("p99Ms").ValueKind);
        Assert.True(written.GetProperty("timeSeries")[2].GetProperty("p50Ms").GetDouble() > 0, "the last second completed writes: its p50 is measured");
        var lag = written.GetProperty("lag")[0];
        Assert.Equal(JsonValueKind.Null, lag.GetProperty("replayLagMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, lag.GetProperty("byteLag").ValueKind);
        Assert.Equal(40, lag.GetProperty("replayAgeMs").GetDouble());
        var visibility = written.GetProperty("visibility")[0];
        foreach (var name in new[] { "p50Ms", "p90Ms", "p99Ms", "maxMs", "histogram" })
        {
            Assert.Equal(JsonValueKind.Null, visibility.GetProperty(name).ValueKind);
        }

        var replica = written.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "replica1");
        Assert.Equal(0, replica.GetProperty("reads").GetInt64());
        Assert.Equal(JsonValueKind.Null, replica.GetProperty("latencyMs").GetProperty("p50").ValueKind);
        Assert.Equal(JsonValueKind.Null, replica.GetProperty("latencyMs").GetProperty("mean").ValueKind);
    }

    private static RunMetadata Run() => new()
    {
        Id = "20261204-000000",
        StartedAt = new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero),
        Suite = new SuiteIdentity("0.1.0", "abc1234"),
        Machine = new MachineInfo("host", "Linux", "CPU", 2, 24),
        Provider = "local",
    };

    private static async Task<MatrixCell> WritesOnlyCellAsync()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("write-only", context =>
            {
                var write = context.Operation("update");
                var primary = context.Node("primary");
                var count = 0;
                return new ScriptedUser(token =>
                {
                    count++;
                    var takes = count == 1 ? TimeSpan.FromMilliseconds(1500) : TimeSpan.FromMilliseconds(5);
                    return FakeClockRun.Takes(clock, takes, LoadOutcome.Success(write, primary), token);
                });
            })
            .WithOperations(new OperationDefinition("update", OperationKind.Write))
            .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
            .WithLoad(LoadShape.Closed(1))
            .WithWarmUp(TimeSpan.Zero)
            .WithDuration(TimeSpan.FromSeconds(3));
        var result = await FakeClockRun.RunAsync(scenario, clock);
        return new MatrixCell("r1-round-robin", 1, "round-robin", "write-only", result, [new ReplicaLagPoint(1, "replica1", null, null, 40)], [], 0, null, null)
        {
            Visibility = [new CellVisibility("replica1", "replica1 could not be reached")],
        };
    }
}
