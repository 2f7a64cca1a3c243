using System.Text.Json;
using ReplicaBench.Engine;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Results;
using ReplicaBench.Runs;
using ReplicaBench.Tests.Engine;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.Tests.Runs;

/// <summary>
/// results.json's <c>conflicts</c>, <c>primaryTable</c> and <c>hotStandbyFeedback</c> per cell: the
/// client's counts are the cell's <c>recovery-conflict-&lt;kind&gt;</c> errors (one record of one window),
/// and a cell of any other scenario has none of these fields.
/// </summary>
public sealed class ConflictResultsTests
{
    // Known answer: one user, 1 s reads over a 4 s window on a fake clock; every other read is
    // cancelled as a snapshot conflict, so the window has 2 successes and 2 snapshot errors.
    [Fact]
    public async Task The_client_counts_are_the_cells_recovery_conflict_errors_and_the_figures_are_written_as_measured()
    {
        var result = await LongReadsAsync();
        var client = ConflictErrorKinds.CountIn(result.Total.ErrorsByKind);
        var table = new ConflictWriterResult(new TableBloat(0, 483_328), new TableBloat(20_000, 2_252_800), 4);
        var cell = new MatrixCell("r1-round-robin-hsf-off", 1, "round-robin", "long-reads", result, [], [], 0, null, null)
        {
            HotStandbyFeedback = false,
            Conflicts = new CellConflictFigures(TimeSpan.FromSeconds(1), client, new ConflictCounts(2, 0, 1, 0, 0, 0), table),
        };

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(), new Dictionary<string, object?>(StringComparer.Ordinal), [cell]));

        var written = document.RootElement.GetProperty("cells")[0];
        Assert.Equal(2, written.GetProperty("errorsByKind").GetProperty("recovery-conflict-snapshot").GetInt64());
        Assert.Equal(2, written.GetProperty("errors").GetInt64());
        Assert.Equal("off", written.GetProperty("hotStandbyFeedback").GetString());
        Assert.Equal(1, written.GetProperty("longReadSeconds").GetDouble());
        var conflicts = written.GetProperty("conflicts");
        Assert.Equal(
            "snapshot=2 lock=0 bufferpin=0 deadlock=0 tablespace=0 other=0",
            string.Join(' ', conflicts.GetProperty("client").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt64()}")));
        Assert.Equal(
            "snapshot=2 lock=0 bufferpin=1 deadlock=0 tablespace=0 other=0",
            string.Join(' ', conflicts.GetProperty("server").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt64()}")));
        var primary = written.GetProperty("primaryTable");
        Assert.Equal("replicabench.long_reads", primary.GetProperty("table").GetString());
        Assert.Equal(0, primary.GetProperty("deadTuplesBefore").GetInt64());
        Assert.Equal(20_000, primary.GetProperty("deadTuplesAfter").GetInt64());
        Assert.Equal(483_328, primary.GetProperty("sizeBytesBefore").GetInt64());
        Assert.Equal(2_252_800, primary.GetProperty("sizeBytesAfter").GetInt64());
        Assert.Equal(4, primary.GetProperty("cycles").GetInt32());
    }

    [Fact]
    public async Task A_cell_of_another_scenario_has_no_conflict_fields()
    {
        var cell = new MatrixCell("r1-round-robin", 1, "round-robin", "read-heavy", await LongReadsAsync(), [], [], 0, null, null);

        using var document = JsonDocument.Parse(ResultsFileWriter.ToJson(Run(), new Dictionary<string, object?>(StringComparer.Ordinal), [cell]));

        var written = document.RootElement.GetProperty("cells")[0];
        foreach (var name in new[] { "conflicts", "primaryTable", "hotStandbyFeedback", "longReadSeconds" })
        {
            Assert.False(written.TryGetProperty(name, out _), $"cells[0].{name} is written for a cell without long reads");
        }
    }

    private static async Task<ReplicaBench.Engine.RunResults.LoadRunResult> LongReadsAsync()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("long-reads", context =>
            {
                var read = context.Operation(LongReadVirtualUser.OperationName);
                var replica = context.Node("replica1");
                var count = 0;
                return new ScriptedUser(token => FakeClockRun.Takes(
                    clock,
                    TimeSpan.FromSeconds(1),
                    ++count % 2 == 0 ? LoadOutcome.Failure(read, replica, ConflictErrorKinds.Of(ConflictKind.Snapshot)) : LoadOutcome.Success(read, replica),
                    token));
            })
            .WithOperations(LongReadVirtualUser.Operations)
            .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
            .WithLoad(LoadShape.Closed(1))
            .WithWarmUp(TimeSpan.Zero)
            .WithDuration(TimeSpan.FromSeconds(4));
        return await FakeClockRun.RunAsync(scenario, clock);
    }

    private static RunMetadata Run() => new()
    {
        Id = "20261206-130000",
        StartedAt = new DateTimeOffset(2026, 12, 6, 13, 0, 0, TimeSpan.Zero),
        Suite = new SuiteIdentity("0.1.0", "abc1234"),
        Machine = new MachineInfo("host", "Linux", "CPU", 2, 24),
        Provider = "local",
    };
}
