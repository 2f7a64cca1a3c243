using ReplicaBench.Engine;
using ReplicaBench.Topology.Settings;

namespace ReplicaBench.Tests.Topology.Settings;

public sealed class ServerSettingsPlanTests
{
    [Fact]
    public void Each_role_gets_its_own_settings_with_names_lower_cased_and_values_as_given()
    {
        var plan = ServerSettingsPlan.Parse(["Max_Connections=300"], ["hot_standby_feedback=off", "max_standby_streaming_delay = 0"]);

        Assert.Equal([new ServerSetting("max_connections", "300")], plan.For(NodeRole.Primary));
        Assert.Equal([new ServerSetting("hot_standby_feedback", "off"), new ServerSetting("max_standby_streaming_delay", "0")], plan.For(NodeRole.Replica));
        Assert.False(plan.NoRestart);
    }

    [Fact]
    public void The_record_holds_each_role_by_name_and_null_for_a_role_without_settings()
    {
        var record = ServerSettingsPlan.Parse(null, ["hot_standby_feedback=on"]).ToRecord();

        Assert.NotNull(record);
        Assert.Null(record.Primary);
        Assert.Equal("on", record.Replicas!["hot_standby_feedback"]);
        Assert.Null(ServerSettingsPlan.Parse(null, null).ToRecord());
        Assert.Same(ServerSettingsPlan.None, ServerSettingsPlan.Parse([], []));
    }

    [Fact]
    public void A_value_may_hold_an_equals_sign_and_is_quoted_as_a_literal_in_alter_system()
    {
        var setting = ServerSetting.Parse("application_name=it's=x", "--primary-setting");

        Assert.Equal("it's=x", setting.Value);
        Assert.Equal("ALTER SYSTEM SET application_name = 'it''s=x'", setting.AlterSystemSql());
    }

    [Fact]
    public void An_extension_setting_with_a_dot_is_a_name()
    {
        Assert.Equal("auto_explain.log_min_duration", ServerSetting.Parse("auto_explain.log_min_duration=1s", "--primary-setting").Name);
    }

    [Theory]
    [InlineData("hot_standby_feedback", "is not NAME=VALUE")]
    [InlineData("=off", "'' is not a setting name")]
    [InlineData("work mem=4MB", "'work mem' is not a setting name")]
    [InlineData("x;DROP TABLE t=1", "is not a setting name")]
    [InlineData("work_mem=", "has no value after '='")]
    [InlineData("primary_conninfo=host=x password=hunter2", "holds a password")]
    public void A_malformed_entry_is_one_line_naming_the_option(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => ServerSettingsPlan.Parse(null, [text]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("--replica-setting", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_given_twice_for_one_role_is_refused_but_each_role_may_have_it()
    {
        var ex = Assert.Throws<BadInputException>(() => ServerSettingsPlan.Parse(["work_mem=4MB", "WORK_MEM=8MB"], null));
        Assert.Equal("--primary-setting gives work_mem twice (4MB and 8MB); keep one.", ex.Message);

        var plan = ServerSettingsPlan.Parse(["work_mem=4MB"], ["work_mem=8MB"]);
        Assert.Equal("8MB", plan.For(NodeRole.Replica)[0].Value);
    }

    [Theory]
    [InlineData("postmaster", SettingChange.Restart)]
    [InlineData("sighup", SettingChange.Reload)]
    [InlineData("superuser", SettingChange.Reload)]
    [InlineData("user", SettingChange.Reload)]
    [InlineData("backend", SettingChange.Reload)]
    [InlineData("superuser-backend", SettingChange.Reload)]
    [InlineData("internal", SettingChange.Impossible)]
    public void Each_settings_context_maps_to_what_a_change_needs(string context, SettingChange expected)
    {
        Assert.Equal(expected, SettingContexts.ChangeFor(context));
    }
}
