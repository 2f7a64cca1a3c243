using ReplicaBench.Runs.Agents;

namespace ReplicaBench.Tests.Runs.Agents;

public sealed class AgentPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 10, 0, 0, 250, TimeSpan.Zero);

    [Theory]
    [InlineData(1, "2026-12-06T10:00:06.000Z")] // 10:00:00.250 + 5 s, up to the second
    [InlineData(2, "2026-12-06T10:00:07.000Z")]
    [InlineData(8, "2026-12-06T10:00:13.000Z")]
    public void The_start_is_four_seconds_plus_one_per_agent_ahead_on_a_whole_second(int agents, string expected) =>
        Assert.Equal(expected, new AgentPlan(agents, AgentPlan.ChooseStartAt(Now, agents), "/runs/r").StartAtText);

    [Fact]
    public void A_start_already_on_a_whole_second_stays_there()
    {
        var onTheSecond = new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(onTheSecond.AddSeconds(6), AgentPlan.ChooseStartAt(onTheSecond, 2));
    }

    [Fact]
    public void Each_agent_runs_its_shard_from_the_shared_run_file_into_its_own_folder()
    {
        var plan = new AgentPlan(3, new DateTimeOffset(2026, 12, 6, 10, 0, 7, TimeSpan.Zero), "/runs/r", MetricsPort: 9100, OtlpEndpoint: "http://collector:4317");

        Assert.Equal(
            [
                "load", "--run-file", "/runs/r/agents/run-settings.json", "--shard", "2/3", "--start-at", "2026-12-06T10:00:07.000Z",
                "--out", "/runs/r/agents/agent-2", "--force", "--metrics-port", "9101", "--otlp-endpoint", "http://collector:4317",
            ],
            plan.ArgumentsOf(2));
        Assert.Equal("/runs/r/agents/agent-3.log", plan.LogOf(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ArgumentsOf(4));
    }

    [Fact]
    public void Without_metrics_or_otlp_the_agents_get_neither()
    {
        var plan = new AgentPlan(2, Now, "/runs/r");

        Assert.DoesNotContain("--metrics-port", plan.ArgumentsOf(1));
        Assert.DoesNotContain("--otlp-endpoint", plan.ArgumentsOf(1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public void One_to_sixty_four_agents_are_accepted(int agents) => Assert.Equal(agents, AgentPlan.CheckCount(agents));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65)]
    public void Other_counts_are_refused_in_one_line(int agents)
    {
        var refused = Assert.Throws<BadInputException>(() => AgentPlan.CheckCount(agents));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.StartsWith($"--agents {agents} is not a number of agents", refused.Message, StringComparison.Ordinal);
    }
}
