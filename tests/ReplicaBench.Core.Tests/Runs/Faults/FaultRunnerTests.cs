using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Engine;
using ReplicaBench.Runs.Faults;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Tests.Runs.Faults;

/// <summary>
/// The schedule on the run's clock, with a fake topology that records what it was asked to do and
/// when. The run is told it started before the runner waits, and the fake's actions complete at
/// once, so everything runs inline as the fake clock advances: no sleeping, no races.
/// </summary>
public sealed class FaultRunnerTests
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Each_fault_runs_when_due_counted_from_the_end_of_the_warm_up()
    {
        var (clock, topology, runner, tracker, _) = Setup("replica-kill@2s,replica-restart:replica1@4s");
        var start = clock.GetTimestamp();

        await RunAsync(clock, runner, TimeSpan.FromSeconds(10));

        Assert.Equal(["kill replica1 @3000", "restart replica1 @5000"], topology.Calls(start, clock));
        var windows = tracker.Build(FaultSchedule.Parse(["replica-kill@2s,replica-restart:replica1@4s"]), [], t => clock.GetElapsedTime(start + Ticks(clock, WarmUp), t).TotalSeconds);
        Assert.Equal([2.0, 4.0], windows.Select(w => w.StartedAt!.Value));
        Assert.All(windows, w => Assert.Null(w.Error));
    }

    [Fact]
    public async Task A_fault_that_fails_is_recorded_with_its_error_and_the_schedule_carries_on()
    {
        var (clock, topology, runner, tracker, steps) = Setup("replay-pause@1s,replay-resume@2s");
        topology.Failing = "pause";

        await RunAsync(clock, runner, TimeSpan.FromSeconds(5));

        var windows = tracker.Build(FaultSchedule.Parse(["replay-pause@1s,replay-resume@2s"]), [], _ => 0);
        Assert.Equal("replica1 would not pause", windows[0].Error);
        Assert.Null(windows[1].Error);
        Assert.Contains("fault replay-pause:replica1@1s failed: replica1 would not pause", steps);
        Assert.Equal(2, topology.Calls(0, clock).Count);
    }

    [Fact]
    public async Task Faults_not_yet_due_when_the_run_ends_are_skipped()
    {
        var (clock, topology, runner, tracker, _) = Setup("replica-kill@2s,replica-restart@4s");

        await RunAsync(clock, runner, TimeSpan.FromMilliseconds(4500));

        Assert.Single(topology.Calls(0, clock));
        Assert.Null(tracker.Build(FaultSchedule.Parse(["replica-kill@2s,replica-restart@4s"]), [], _ => 0)[1].StartedAt);
    }

    [Fact]
    public async Task After_the_run_replicas_left_killed_are_restarted_and_replay_left_paused_resumed()
    {
        var (clock, topology, runner, _, _) = Setup("replay-pause:replica2@1s,replica-kill@2s");
        await RunAsync(clock, runner, TimeSpan.FromSeconds(5));

        var problems = await runner.RestoreAsync(TestContext.Current.CancellationToken);

        Assert.Empty(problems);
        Assert.Equal(["pause replica2", "kill replica1", "restart replica1", "resume replica2"], topology.Calls(0, clock).Select(c => c.Split(" @")[0]));
    }

    [Fact]
    public async Task A_replica_left_frozen_is_thawed_after_the_cell_before_anything_else_is_restored()
    {
        var (clock, topology, runner, _, _) = Setup("replica-kill:replica2@1s,replica-freeze@2s");
        await RunAsync(clock, runner, TimeSpan.FromSeconds(5));

        var problems = await runner.RestoreAsync(TestContext.Current.CancellationToken);

        Assert.Empty(problems);
        Assert.Equal(["kill replica2", "freeze replica1", "thaw replica1", "restart replica2"], topology.Calls(0, clock).Select(c => c.Split(" @")[0]));
    }

    [Fact]
    public async Task A_failover_moves_the_router_as_soon_as_the_replica_is_promoted_then_the_samplers()
    {
        var (clock, topology, runner, tracker, steps) = Setup("failover@1s");

        await RunAsync(clock, runner, TimeSpan.FromSeconds(3));

        Assert.Equal(["fence primary", "promote replica1", "hook promoted replica1", "repoint replica2", "hook failed over"], topology.Events);
        var window = Assert.Single(tracker.Build(FaultSchedule.Parse(["failover@1s"]), [], _ => 0));
        Assert.Equal("replica1", window.Promoted);
        Assert.Contains(steps, s => s.StartsWith("fault failover:replica1@1s done in", StringComparison.Ordinal));
    }

    private static (FakeTimeProvider Clock, RecordingFaults Topology, FaultRunner Runner, FaultWindowTracker Tracker, List<string> Steps) Setup(string spec)
    {
        var clock = new FakeTimeProvider();
        var schedule = FaultSchedule.Parse([spec]);
        var topology = new RecordingFaults(clock);
        var tracker = new FaultWindowTracker(schedule.Faults.Count);
        var steps = new List<string>();
        var hooks = new FaultRunnerHooks(
            node =>
            {
                topology.Events.Add($"hook promoted {node.Name}");
                return Task.CompletedTask;
            },
            _ =>
            {
                topology.Events.Add("hook failed over");
                return Task.CompletedTask;
            },
            steps.Add);
        return (clock, topology, new FaultRunner(schedule, topology, tracker, hooks, clock), tracker, steps);
    }

    private static async Task RunAsync(FakeTimeProvider clock, FaultRunner runner, TimeSpan runFor)
    {
        runner.RunStarted(clock.GetTimestamp());
        using var runEnded = new CancellationTokenSource();
        var running = runner.RunAsync(WarmUp, runEnded.Token, CancellationToken.None);
        for (var elapsed = TimeSpan.Zero; elapsed < runFor; elapsed += TimeSpan.FromMilliseconds(10))
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        await runEnded.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    private static long Ticks(TimeProvider clock, TimeSpan span) => (long)(span.TotalSeconds * clock.TimestampFrequency);

    private sealed class RecordingFaults(FakeTimeProvider clock) : ITopologyFaults
    {
        private readonly List<(string Call, long At)> _calls = [];

        public List<string> Events { get; } = [];

        public string? Failing { get; set; }

        public TopologyDescriptor Topology { get; } = new()
        {
            Provider = "local",
            CreatedAt = DateTimeOffset.UnixEpoch,
            Nodes = [Node("primary", NodeRole.Primary), Node("replica1", NodeRole.Replica), Node("replica2", NodeRole.Replica)],
        };

        public List<string> Calls(long origin, TimeProvider time) =>
            [.. _calls.Select(c => $"{c.Call} @{time.GetElapsedTime(origin, c.At).TotalMilliseconds:0}")];

        public Task KillReplicaAsync(string replica, CancellationToken cancellationToken) => Record("kill", replica);

        public Task RestartReplicaAsync(string replica, CancellationToken cancellationToken) => Record("restart", replica);

        public Task PauseReplayAsync(string replica, CancellationToken cancellationToken) => Record("pause", replica);

        public Task FreezeReplicaAsync(string replica, CancellationToken cancellationToken) => Record("freeze", replica);

        public Task ThawReplicaAsync(string replica, CancellationToken cancellationToken) => Record("thaw", replica);

        public Task ResumeReplayAsync(string replica, CancellationToken cancellationToken) => Record("resume", replica);

        public async Task<FailoverResult> FailoverAsync(string replica, Func<TopologyNode, Task>? promoted, CancellationToken cancellationToken)
        {
            Events.Add("fence primary");
            Events.Add($"promote {replica}");
            var newPrimary = Node(replica, NodeRole.Primary);
            await promoted!(newPrimary);
            Events.Add("repoint replica2");
            return new FailoverResult(Node("primary", NodeRole.Primary), newPrimary, ["replica2"], [], Topology);
        }

        private static TopologyNode Node(string name, NodeRole role) => new(name, role, "127.0.0.1", 1, "Host=127.0.0.1");

        private Task Record(string what, string replica)
        {
            _calls.Add(($"{what} {replica}", clock.GetTimestamp()));
            return what == Failing ? Task.FromException(new TopologyException($"{replica} would not {what}")) : Task.CompletedTask;
        }
    }
}
