using ReplicaBench.LoadTests;
using ReplicaBench.Runs;
using ReplicaBench.Runs.Settings;

namespace ReplicaBench.Tests.Runs.Settings;

/// <summary>
/// <c>--scenario long-reads</c>, <c>--long-read</c> and <c>--hot-standby-feedback</c>: the operation
/// timeout raised above the read (or a given one below it refused), each refusal one line, and
/// run.settings unchanged for every other run.
/// </summary>
public sealed class LongReadsSettingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Long_reads_last_5_s_by_default_and_their_operation_timeout_is_raised_to_10_s()
    {
        var settings = Create(new LoadSettings { Scenario = "long-reads" });

        Assert.Equal(TimeSpan.FromSeconds(5), Assert.IsType<LongReadsScenario>(settings.Scenario).LongRead);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.OperationTimeout);
        Assert.Equal("10s", settings.SettingsForResults["opTimeout"]);
        Assert.Equal("5s", settings.SettingsForResults["longRead"]);
        Assert.Null(settings.HotStandbyFeedback);
        Assert.False(settings.SettingsForResults.ContainsKey("hotStandbyFeedback"));
    }

    [Theory]
    [InlineData("2s", null, 7)]
    [InlineData("2s", "3s", 3)]
    [InlineData("90s", null, 95)]
    public void The_operation_timeout_is_the_one_given_or_the_read_plus_5_s(string longRead, string? opTimeout, int expectedSeconds)
    {
        var settings = Create(new LoadSettings { Scenario = "long-reads", LongRead = longRead, OpTimeout = opTimeout });

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), settings.OperationTimeout);
    }

    [Theory]
    [InlineData("5s")]
    [InlineData("4s")]
    public void An_op_timeout_that_would_end_every_long_read_is_refused_in_one_line(string opTimeout)
    {
        var ex = Assert.Throws<BadInputException>(() => Create(new LoadSettings { Scenario = "long-reads", LongRead = "5s", OpTimeout = opTimeout }));

        Assert.Equal(
            $"--op-timeout {opTimeout} would end every long read of 5s as a timeout; give more than --long-read (e.g. --op-timeout 10s), or leave it out and the long reads get that.",
            ex.Message);
    }

    [Theory]
    [InlineData("soon", "longRead: 'soon' is not a duration; write a number with a unit, e.g. 250us, 100ms, 1.5s, 2m.")]
    [InlineData("0", "longRead 0 is out of range; give a length above 0 and up to 30m, e.g. --long-read 5s.")]
    [InlineData("0s", "longRead 0s is out of range; give a length above 0 and up to 30m, e.g. --long-read 5s.")]
    [InlineData("-5s", "longRead: '-5s' is not a duration; write a number with a unit, e.g. 250us, 100ms, 1.5s, 2m.")]
    [InlineData("2h", "longRead 2h is out of range; give a length above 0 and up to 30m, e.g. --long-read 5s.")]
    public void An_unusable_long_read_is_one_line(string value, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => Create(new LoadSettings { Scenario = "long-reads", LongRead = value }));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void A_long_read_for_another_scenario_is_refused()
    {
        var ex = Assert.Throws<BadInputException>(() => Create(new LoadSettings { Scenario = "point-read", LongRead = "5s" }));

        Assert.Equal("--long-read sets the length of the reads of scenario long-reads, and this run is scenario point-read; add --scenario long-reads, or drop --long-read.", ex.Message);
    }

    [Fact]
    public void The_feedback_values_are_a_dimension_in_the_order_given_and_recorded()
    {
        var settings = Create(new LoadSettings { Scenario = "long-reads", Replicas = [1], HotStandbyFeedback = ["off", "ON"] });

        Assert.Equal([false, true], settings.HotStandbyFeedback);
        Assert.Equal(2, settings.FeedbackValues);
        Assert.Equal(["off", "on"], Assert.IsType<string[]>(settings.SettingsForResults["hotStandbyFeedback"]));
    }

    [Theory]
    [InlineData(new[] { "maybe" }, "--hot-standby-feedback 'maybe': 'maybe' is not off or on; give off, on, or off,on for the pair side by side.")]
    [InlineData(new[] { "true" }, "--hot-standby-feedback 'true': 'true' is not off or on; give off, on, or off,on for the pair side by side.")]
    [InlineData(new[] { "off", "off" }, "--hot-standby-feedback 'off,off' gives off twice; give each value once, e.g. off,on.")]
    public void An_unusable_feedback_value_is_one_line(string[] values, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => Create(new LoadSettings { Scenario = "long-reads", Replicas = [1], HotStandbyFeedback = [.. values] }));

        Assert.Equal(expected, ex.Message);
    }

    [Fact]
    public void Feedback_on_a_topology_without_replicas_is_refused()
    {
        var ex = Assert.Throws<BadInputException>(() => Create(new LoadSettings { Scenario = "long-reads", Replicas = [0, 1], HotStandbyFeedback = ["off", "on"] }));

        Assert.Equal("--hot-standby-feedback is a replica setting, and a topology of this run has no replicas; give replica counts of 1 or more with --replicas, e.g. --replicas 1.", ex.Message);
    }

    [Fact]
    public void Every_other_run_keeps_its_settings_and_its_5_s_timeout()
    {
        var settings = Create(new LoadSettings { Scenario = "read-heavy" });

        Assert.Equal(TimeSpan.FromSeconds(5), settings.OperationTimeout);
        Assert.False(settings.SettingsForResults.ContainsKey("longRead"));
        Assert.False(settings.SettingsForResults.ContainsKey("hotStandbyFeedback"));
        Assert.Equal(1, settings.FeedbackValues);
    }

    [Fact]
    public void A_pair_cell_id_names_its_feedback_after_the_policy_and_before_the_repeat()
    {
        Assert.Equal("r1-round-robin-hsf-off", MatrixCell.IdFor(1, "round-robin", 1, false));
        Assert.Equal("r2-bounded-staleness-50ms-hsf-on#2", MatrixCell.IdFor(2, "bounded-staleness:50ms", 2, true));
        Assert.Equal("r1-round-robin", MatrixCell.IdFor(1, "round-robin", 1, null));
    }

    private LoadMatrixSettings Create(LoadSettings settings)
    {
        settings.Out = _temp.Combine("run");
        return LoadMatrixSettingsFactory.Create(settings, Scenarios.Resolve);
    }
}
