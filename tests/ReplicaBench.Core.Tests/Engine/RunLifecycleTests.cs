using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

public sealed class RunLifecycleTests
{
    [Fact]
    public async Task The_warm_up_is_measured_but_not_counted()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = Every100Ms(clock)
            .WithWarmUp(TimeSpan.FromSeconds(1))
            .WithDuration(TimeSpan.FromMilliseconds(1950));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(10, result.WarmUp.Completed);  // 0 .. 900 ms
        Assert.Equal(20, result.Total.Completed);   // 1000 .. 2900 ms
        Assert.Equal(TimeSpan.FromMilliseconds(1950), result.MeasuredDuration);
        Assert.Equal([RunPhase.WarmUp, RunPhase.Measurement, RunPhase.Measurement], result.TimeSeries.Select(p => p.Phase));
        Assert.Equal([20L], result.VirtualUsers.Operations);
    }

    [Fact]
    public async Task The_started_callback_gets_the_moment_every_series_offset_counts_from()
    {
        var clock = FakeClockRun.NewClock();
        var before = clock.GetTimestamp();
        long? started = null;
        var scenario = Every100Ms(clock).WithWarmUp(TimeSpan.FromSeconds(1)).WithDuration(TimeSpan.FromSeconds(1));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { Started = at => started = at });

        Assert.Equal(before, started);
        Assert.Equal(TimeSpan.FromSeconds(1), result.TimeSeries[0].End);
    }

    // Known answer: on the fake clock the warm-up's last interval closes exactly 1 s after the start,
    // and the 10 operations completed by then are warm-up; the callback comes at that instant.
    [Fact]
    public async Task The_measurement_started_callback_comes_as_the_last_warm_up_interval_is_collected()
    {
        var clock = FakeClockRun.NewClock();
        var before = clock.GetTimestamp();
        long? measuring = null;
        var scenario = Every100Ms(clock).WithWarmUp(TimeSpan.FromSeconds(1)).WithDuration(TimeSpan.FromSeconds(1));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { MeasurementStarted = at => measuring = at });

        Assert.Equal(before + clock.TimestampFrequency, measuring);
        Assert.Equal(10, result.WarmUp.Completed);
    }

    [Fact]
    public async Task Without_a_warm_up_the_measurement_starts_with_the_run()
    {
        var clock = FakeClockRun.NewClock();
        var before = clock.GetTimestamp();
        long? measuring = null;
        var scenario = Every100Ms(clock).WithWarmUp(TimeSpan.Zero).WithDuration(TimeSpan.FromSeconds(1));

        await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { MeasurementStarted = at => measuring = at });

        Assert.Equal(before, measuring);
    }

    [Fact]
    public async Task Operations_land_in_the_interval_in_which_they_complete()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("tick", context =>
        {
            var op = context.Operation("tick");
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(op)));
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(300))))
        .WithDuration(TimeSpan.FromMilliseconds(2950));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        // Operations at 0, 300, 600, 900 | 1200, 1500, 1800 | 2100, 2400, 2700.
        Assert.Equal([4L, 3L, 3L], result.TimeSeries.Select(p => p.Completed));
        Assert.Equal([0, 1, 2], result.TimeSeries.Select(p => p.Index));
        Assert.Equal(TimeSpan.Zero, result.TimeSeries[0].Start);
        Assert.Equal(TimeSpan.FromSeconds(1), result.TimeSeries[0].End);
        Assert.Equal(TimeSpan.FromSeconds(1), result.TimeSeries[1].Start);
        Assert.Equal(TimeSpan.FromMilliseconds(2950), result.TimeSeries[2].End);
        Assert.Equal(4.0, result.TimeSeries[0].Throughput, 6);
        Assert.Equal(result.Total.Completed, result.TimeSeries.Sum(p => p.Completed));
    }

    [Fact]
    public async Task Cancelling_stops_the_run_and_returns_everything_measured_so_far()
    {
        var clock = FakeClockRun.NewClock();
        using var output = new TempDirectory();
        var scenario = Every100Ms(clock).WithDuration(TimeSpan.FromSeconds(10));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { OutputDirectory = output.Path }, stopAfter: TimeSpan.FromMilliseconds(2450));

        Assert.Equal(RunStopReason.Cancelled, result.StopReason);
        Assert.True(result.IsPartial);
        Assert.Equal(25, result.Total.Completed);   // 0 .. 2400 ms
        Assert.Equal(TimeSpan.FromMilliseconds(2450), result.MeasuredDuration);
        Assert.Equal([10L, 10L, 5L], result.TimeSeries.Select(p => p.Completed));
        var lines = File.ReadAllLines(result.Files!.Series);
        Assert.Equal(4, lines.Length); // the run header and three intervals
    }

    [Fact]
    public async Task A_graceful_stop_lets_operations_in_flight_finish_and_counts_them()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("long", context =>
        {
            var op = context.Operation("long");
            return new ScriptedUser(ct => FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(700), LoadOutcome.Success(op), ct));
        })
        .WithDuration(TimeSpan.FromSeconds(1))
        .WithGracefulStop(TimeSpan.FromSeconds(1));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(2, result.Total.Succeeded); // 0-700 ms, and 700-1400 ms finished during the graceful stop
        Assert.Equal(0, result.CancelledAtStop);
        Assert.Equal(0, result.AbandonedOperations);
        Assert.Equal(TimeSpan.FromMilliseconds(1400), result.TimeSeries[^1].End);
    }

    [Fact]
    public async Task Operations_outliving_the_graceful_stop_are_cancelled_then_abandoned()
    {
        var clock = FakeClockRun.NewClock();
        var users = new List<ScriptedUser>();
        var scenario = FakeClockRun.Scenario("stuck", context =>
        {
            var op = context.Operation("stuck");
            // User 0 honours cancellation; user 1 ignores it (it waits on a timer it never cancels).
            var user = context.Index == 0
                ? new ScriptedUser(ct => FakeClockRun.Takes(clock, TimeSpan.FromHours(1), LoadOutcome.Success(op), ct))
                : new ScriptedUser(_ => FakeClockRun.Takes(clock, TimeSpan.FromHours(1), LoadOutcome.Success(op), CancellationToken.None));
            users.Add(user);
            return user;
        })
        .WithLoad(LoadShape.Closed(2))
        .WithDuration(TimeSpan.FromMilliseconds(500))
        .WithGracefulStop(TimeSpan.FromMilliseconds(100));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(1, result.CancelledAtStop);
        Assert.Equal(1, result.AbandonedOperations);
        Assert.Equal(0, result.Total.Completed);
        Assert.Equal(1, users[0].Disposed);
        Assert.Equal(0, users[1].Disposed);
        Assert.Contains(result.Warnings, w => w.Contains("still running", StringComparison.Ordinal));
    }

    public static TheoryData<string> LoadModels => ["closed", "open"];

    [Theory]
    [MemberData(nameof(LoadModels))]
    public async Task Every_user_gets_its_own_token_and_every_token_is_cancelled_when_the_graceful_stop_runs_out(string model)
    {
        // Npgsql registers on the token for every command: one source shared by all users made the
        // socket threads contend for it, so each user has its own, and the drain must cancel them all.
        var clock = FakeClockRun.NewClock();
        var tokens = new List<CancellationToken>();
        var scenario = FakeClockRun.Scenario("stuck", context =>
        {
            var op = context.Operation("stuck");
            return new ScriptedUser(ct =>
            {
                lock (tokens)
                {
                    tokens.Add(ct);
                }

                return FakeClockRun.Takes(clock, TimeSpan.FromHours(1), LoadOutcome.Success(op), ct);
            });
        })
        .WithLoad(model == "closed" ? LoadShape.Closed(3) : LoadShape.Open(RateProfile.Constant(100), virtualUsers: 3))
        .WithDuration(TimeSpan.FromMilliseconds(500))
        .WithGracefulStop(TimeSpan.FromMilliseconds(100));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(3, tokens.Count);
        Assert.Equal(3, tokens.Distinct().Count());
        Assert.All(tokens, t => Assert.True(t.IsCancellationRequested));
        Assert.Equal(3, result.CancelledAtStop);
        Assert.Equal(0, result.AbandonedOperations);
    }

    [Fact]
    public async Task Outcomes_are_counted_per_operation_node_error_kind_and_staleness()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("mixed", context =>
        {
            var read = context.Operation("point-read");
            var write = context.Operation("insert");
            var primary = context.Node("primary");
            var replica = context.Node("replica1");
            var step = 0;
            return new ScriptedUser(_ => ValueTask.FromResult((step++ % 5) switch
            {
                0 => LoadOutcome.Success(read, replica, StalenessObservation.Stale(TimeSpan.FromMilliseconds(30), readYourWritesViolation: true)),
                1 => LoadOutcome.Success(read, replica, StalenessObservation.Fresh),
                2 => LoadOutcome.Success(write, primary),
                3 => LoadOutcome.Failure(write, primary, "timeout"),
                _ => throw new InvalidOperationException("escaped"),
            }));
        })
        .WithOperations(new("point-read", OperationKind.Read), new("insert", OperationKind.Write))
        .WithNodes([new("primary", NodeRole.Primary), new("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(10))))
        .WithDuration(TimeSpan.FromMilliseconds(995));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(100, result.Total.Completed);
        Assert.Equal(60, result.Total.Succeeded);
        Assert.Equal(new Dictionary<string, long> { ["InvalidOperationException"] = 20, ["timeout"] = 20 }, result.Total.ErrorsByKind);
        Assert.Equal(40, result.Total.StaleChecked);
        Assert.Equal(20, result.Total.StaleReads);
        Assert.Equal(20, result.Total.ReadYourWritesViolations);
        Assert.Equal(0.5, result.Total.StaleReadRate);
        Assert.Equal(Reported.Milliseconds(30), result.Total.StaleAge.P50);

        Assert.Equal(["point-read", "insert", "(unattributed)"], result.Operations.Select(o => o.Name));
        Assert.Null(result.Operations[2].Kind);

        var nodes = result.Nodes.ToDictionary(n => n.Name);
        Assert.Equal(["primary", "replica1", "(none)"], result.Nodes.Select(n => n.Name));
        Assert.Equal((0L, 40L), (nodes["primary"].Reads, nodes["primary"].Writes));
        Assert.Equal((40L, 0L), (nodes["replica1"].Reads, nodes["replica1"].Writes));
        Assert.Equal(NodeRole.Replica, nodes["replica1"].Role);
        Assert.Equal(20, nodes["(none)"].Stats.Failed);

        var cell = Assert.Single(result.Buckets, c => c.Operation == "insert" && c.Node == "primary");
        Assert.Equal((20L, 20L), (cell.Stats.Succeeded, cell.Stats.Failed));
        Assert.Equal(20, result.TimeSeries.Sum(p => p.ErrorsByKind.GetValueOrDefault("timeout")));
    }

    [Fact]
    public async Task External_samples_join_the_interval_they_were_appended_in()
    {
        var clock = FakeClockRun.NewClock();
        var samples = new ExternalSamples(clock);
        var scenario = FakeClockRun.Scenario("lag", context =>
        {
            var op = context.Operation("lag");
            return new ScriptedUser(_ =>
            {
                samples.Append("replica1.replayLagMs", 2.5);
                return ValueTask.FromResult(LoadOutcome.Success(op));
            });
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(600))))
        .WithDuration(TimeSpan.FromMilliseconds(1900));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { Samples = samples });

        // Appended at 0, 600 | 1200, 1800.
        Assert.Equal([2, 2], result.TimeSeries.Select(p => p.Samples.Count));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), result.TimeSeries[1].Samples[0].Offset);
        Assert.Equal(4, result.Samples.Count);
        Assert.All(result.Samples, s => Assert.Equal(("replica1.replayLagMs", 2.5), (s.Series, s.Value)));
    }

    [Fact]
    public async Task Progress_hears_about_every_interval_as_it_closes()
    {
        var clock = FakeClockRun.NewClock();
        var seen = new List<int>();
        var scenario = Every100Ms(clock).WithDuration(TimeSpan.FromMilliseconds(2500));

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { Progress = new SynchronousProgress(p => seen.Add(p.Index)) });

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(3, result.TimeSeries.Count);
    }

    [Fact]
    public async Task A_failing_factory_disposes_the_users_it_created_and_throws()
    {
        var created = new List<ScriptedUser>();
        var scenario = LoadScenario.Create("broken", (context, _) =>
        {
            if (context.Index == 2)
            {
                throw new BadInputException("cannot connect; start the topology first.");
            }

            var user = new ScriptedUser(_ => default);
            created.Add(user);
            return ValueTask.FromResult<IVirtualUser>(user);
        })
        .WithLoad(LoadShape.Closed(4));

        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario, new LoadRunOptions { TimeProvider = FakeClockRun.NewClock() }, TestContext.Current.CancellationToken));

        Assert.Equal(2, created.Count);
        Assert.All(created, u => Assert.Equal(1, u.Disposed));
    }

    [Fact]
    public async Task Bad_scenarios_are_rejected_before_any_user_is_created()
    {
        var created = 0;
        var scenario = LoadScenario.Create("bad", (_, _) =>
        {
            created++;
            return ValueTask.FromResult<IVirtualUser>(new ScriptedUser(_ => default));
        });

        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario.WithDuration(TimeSpan.Zero), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario.WithThresholds("nope.p99<1ms"), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario.WithThresholds("dropped<1%"), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario.WithOperations(new OperationDefinition("point read", OperationKind.Read)), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BadInputException>(() => LoadRunner.RunAsync(scenario, new LoadRunOptions { ReportInterval = TimeSpan.FromMilliseconds(10) }, TestContext.Current.CancellationToken));
        Assert.Equal(0, created);
    }

    [Fact]
    public async Task An_output_directory_that_cannot_be_written_is_bad_input_before_any_user_exists()
    {
        using var output = new TempDirectory();
        var blocker = Path.Combine(output.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory", TestContext.Current.CancellationToken);
        var created = 0;
        var scenario = LoadScenario.Create("nowhere", (_, _) =>
        {
            created++;
            return ValueTask.FromResult<IVirtualUser>(new ScriptedUser(_ => default));
        });

        var ex = await Assert.ThrowsAsync<BadInputException>(
            () => LoadRunner.RunAsync(scenario, new LoadRunOptions { OutputDirectory = Path.Combine(blocker, "out") }, TestContext.Current.CancellationToken));

        Assert.Contains("--out", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, created);
    }

    private static LoadScenario Every100Ms(TimeProvider clock) =>
        FakeClockRun.Scenario("steady", context =>
        {
            var op = context.Operation("steady");
            return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(op)));
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))));

    private sealed class SynchronousProgress(Action<TimeSeriesPoint> report) : IProgress<TimeSeriesPoint>
    {
        public void Report(TimeSeriesPoint value) => report(value);
    }
}
