using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

public sealed class RoutingPolicySpecTests
{
    [Theory]
    [InlineData("primary-only", RoutingPolicyKind.PrimaryOnly, "primary-only")]
    [InlineData("round-robin", RoutingPolicyKind.RoundRobin, "round-robin")]
    [InlineData("session-round-robin", RoutingPolicyKind.SessionRoundRobin, "session-round-robin")]
    [InlineData("least-lag", RoutingPolicyKind.LeastLag, "least-lag")]
    [InlineData("read-your-writes", RoutingPolicyKind.ReadYourWrites, "read-your-writes")]
    [InlineData("npgsql-prefer-standby", RoutingPolicyKind.NpgsqlPreferStandby, "npgsql-prefer-standby")]
    [InlineData(" Round-Robin ", RoutingPolicyKind.RoundRobin, "round-robin")]
    [InlineData("bounded-staleness:100ms", RoutingPolicyKind.BoundedStaleness, "bounded-staleness:100ms")]
    [InlineData("BOUNDED-STALENESS:2s", RoutingPolicyKind.BoundedStaleness, "bounded-staleness:2s")]
    [InlineData("bounded-staleness:250us", RoutingPolicyKind.BoundedStaleness, "bounded-staleness:0.25ms")]
    public void Parses_every_valid_form_to_its_canonical_name(string text, RoutingPolicyKind kind, string name)
    {
        var spec = RoutingPolicySpec.Parse(text);

        Assert.Equal(kind, spec.Kind);
        Assert.Equal(name, spec.Name);
        Assert.Equal(spec, RoutingPolicySpec.Parse(spec.Name));
    }

    [Fact]
    public void Bounded_staleness_keeps_its_bound_and_others_have_none()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), RoutingPolicySpec.Parse("bounded-staleness:1.5s").StalenessBound);
        Assert.Null(RoutingPolicySpec.Parse("round-robin").StalenessBound);
        Assert.NotEqual(RoutingPolicySpec.Parse("bounded-staleness:1s"), RoutingPolicySpec.Parse("bounded-staleness:2s"));
    }

    [Theory]
    [InlineData("fastest", "unknown routing policy 'fastest'")]
    [InlineData("", "unknown routing policy ''")]
    [InlineData("round_robin", "unknown routing policy 'round_robin'")]
    [InlineData("bounded-staleness", "needs a bound")]
    [InlineData("bounded-staleness:", "'' is not a duration")]
    [InlineData("bounded-staleness:soon", "'soon' is not a duration")]
    [InlineData("bounded-staleness:100", "'100' is not a duration")]
    [InlineData("bounded-staleness:-5ms", "'-5ms' is not a duration")]
    [InlineData("bounded-staleness:0", "bound of zero")]
    [InlineData("bounded-staleness:0ms", "bound of zero")]
    public void Bad_input_gives_one_line_naming_the_option_the_text_and_the_valid_forms(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => RoutingPolicySpec.Parse(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("--policy: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("bounded-staleness:100ms", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Unknown_names_list_every_valid_policy()
    {
        var ex = Assert.Throws<BadInputException>(() => RoutingPolicySpec.Parse("fastest"));

        Assert.Contains(RoutingPolicySpec.ValidForms, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_name_appears_in_the_message()
    {
        var ex = Assert.Throws<BadInputException>(() => RoutingPolicySpec.Parse("x", "-Policy"));

        Assert.StartsWith("-Policy: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_keeps_its_order_and_allows_bounds_with_colons()
    {
        var specs = RoutingPolicySpec.ParseList("primary-only, round-robin,bounded-staleness:50ms ,read-your-writes");

        Assert.Equal(["primary-only", "round-robin", "bounded-staleness:50ms", "read-your-writes"], specs.Select(s => s.Name));
    }

    [Theory]
    [InlineData("primary-only,,round-robin", "has an empty entry")]
    [InlineData("round-robin,", "has an empty entry")]
    [InlineData("round-robin,ROUND-ROBIN", "'round-robin' is listed twice")]
    [InlineData("round-robin,sticky", "unknown routing policy 'sticky'")]
    [InlineData("bounded-staleness:1s,bounded-staleness:x", "'x' is not a duration")]
    public void A_bad_list_is_refused_with_one_line(string text, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => RoutingPolicySpec.ParseList(text));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Every_kind_creates_a_policy_that_reports_its_own_spec()
    {
        foreach (var text in new[] { "primary-only", "round-robin", "least-lag", "bounded-staleness:10ms", "read-your-writes", "npgsql-prefer-standby" })
        {
            var spec = RoutingPolicySpec.Parse(text);
            Assert.Equal(spec, spec.CreatePolicy().Spec);
        }
    }
}
