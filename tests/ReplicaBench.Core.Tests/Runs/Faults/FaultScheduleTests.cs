using ReplicaBench.Runs.Faults;

namespace ReplicaBench.Tests.Runs.Faults;

/// <summary>--fault spelling, and the checks that refuse an impossible schedule before anything starts.</summary>
public sealed class FaultScheduleTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [Fact]
    public void Faults_parse_with_replica1_as_the_default_node_and_run_in_time_order()
    {
        var schedule = FaultSchedule.Parse(["replica-restart@40s,replica-kill@20s", "failover:replica2@50s"]);

        Assert.Equal(
            [
                new ScheduledFault(FaultKind.ReplicaKill, "replica1", TimeSpan.FromSeconds(20)),
                new ScheduledFault(FaultKind.ReplicaRestart, "replica1", TimeSpan.FromSeconds(40)),
                new ScheduledFault(FaultKind.Failover, "replica2", TimeSpan.FromSeconds(50)),
            ],
            schedule.Faults);
        Assert.True(schedule.HasFailover);
        Assert.Equal("replica-kill:replica1@20s,replica-restart:replica1@40s,failover:replica2@50s", schedule.ToString());
        Assert.Equal(schedule.Faults, FaultSchedule.Parse([schedule.ToString()]).Faults);
    }

    [Fact]
    public void Faults_at_the_same_time_keep_the_order_written()
    {
        var schedule = FaultSchedule.Parse(["replay-pause:replica2@10s,replica-kill@10s,replay-pause@1500ms"]);

        Assert.Equal(["replay-pause:replica1@1500ms", "replay-pause:replica2@10s", "replica-kill:replica1@10s"], schedule.Faults.Select(f => f.ToString()));
    }

    [Theory]
    [InlineData("replica-kill", "has no time; write KIND[:NODE]@TIME")]
    [InlineData("replica-explode@20s", "'replica-explode' is not a fault; use one of: replica-kill, replica-restart, replay-pause, replay-resume, replica-freeze, replica-thaw, failover.")]
    [InlineData("replica-kill@soon", "'soon' is not a duration")]
    [InlineData("replica-kill@20s,,replica-restart@30s", "has an empty entry")]
    [InlineData("replica-kill:@20s", "names no node after ':'")]
    public void A_misspelt_fault_is_one_line_naming_it_and_the_fix(string spec, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => FaultSchedule.Parse([spec]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("--fault '", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("replica-kill@60s", 2, "60s is outside the measured window (times count from the end of the warm-up; --duration 60s); give a time after 0s and before 60s.")]
    [InlineData("replica-kill@0s", 2, "is outside the measured window")]
    [InlineData("replica-kill:replica3@20s", 2, "the 2-replica topology has no replica 'replica3'; name one of replica1 to replica2.")]
    [InlineData("replica-kill:primary@20s", 2, "has no replica 'primary'")]
    [InlineData("replica-kill@20s", 0, "it acts on a replica, and the 0-replica topology has none; drop 0 from --replicas, or drop --fault.")]
    [InlineData("failover@20s", 0, "a failover promotes a replica, and the 0-replica topology has none")]
    [InlineData("replica-restart@20s", 2, "replica1 is running then; kill it before restarting it")]
    [InlineData("replay-resume@20s", 2, "replica1 is not paused then; pause it before resuming")]
    [InlineData("replica-kill@10s,replay-pause@20s", 2, "replica1 is down (killed earlier) then; restart it first.")]
    [InlineData("replay-pause@10s,failover@20s", 2, "replica1 has its replay paused then; resume it first.")]
    [InlineData("failover@10s,failover:replica2@20s", 2, "the schedule already fails over once")]
    [InlineData("replica-thaw@20s", 2, "replica1 is not frozen then; freeze it before thawing it")]
    [InlineData("replica-freeze@10s,replica-kill@20s", 2, "replica1 is frozen then; thaw it first")]
    [InlineData("replica-freeze:replica2@10s,failover@20s", 2, "replica2 is frozen then, and a failover cannot re-point a server that answers nothing; thaw it before the failover.")]
    [InlineData("failover@10s,replica-kill@20s", 2, "replica1 is the primary after the failover")]
    [InlineData("replica-kill:replica2@5s,failover@10s,replica-restart:replica2@20s", 2, "replica2 was down at the failover and left the topology")]
    public void An_impossible_schedule_is_refused_in_one_line(string spec, int replicas, string expected)
    {
        var schedule = FaultSchedule.Parse([spec]);

        var ex = Assert.Throws<BadInputException>(() => schedule.Validate(Duration, replicas));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("replica-kill@20s,replica-restart@40s")]
    [InlineData("replay-pause:replica2@10s,replay-resume:replica2@25s")]
    [InlineData("replica-freeze@10s,replica-thaw@20s,replica-freeze:replica2@30s")]
    [InlineData("replay-pause@10s,replica-kill@15s,replica-restart@20s,replay-pause@25s,replay-resume@30s")]
    [InlineData("replica-kill:replica2@10s,replica-restart:replica2@20s,failover@30s,replica-kill:replica2@40s,replica-restart:replica2@50s")]
    public void A_possible_schedule_passes(string spec) => FaultSchedule.Parse([spec]).Validate(Duration, 2);
}
