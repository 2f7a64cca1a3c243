using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// Every policy against every board state: which nodes serve reads, and whether those reads are
/// fallbacks. Node 0 is the primary, 1 and 2 are replica1 and replica2.
/// </summary>
public sealed class RoutingPolicyTableTests
{
    private const int Reads = 120;

    public static TheoryData<string, string, int[], Fallbacks> Table => new()
    {
        { "primary-only", "healthy", [0], Fallbacks.None },
        { "primary-only", "replica2 down", [0], Fallbacks.None },
        { "primary-only", "replica2 lagging", [0], Fallbacks.None },
        { "primary-only", "after write, replicas behind", [0], Fallbacks.None },
        { "primary-only", "no replicas", [0], Fallbacks.None },

        { "round-robin", "healthy", [1, 2], Fallbacks.None },
        { "round-robin", "replica2 down", [1], Fallbacks.Some },
        { "round-robin", "replica2 lagging", [1, 2], Fallbacks.None },
        { "round-robin", "lag unknown", [1, 2], Fallbacks.None },
        { "round-robin", "after write, replicas behind", [1, 2], Fallbacks.None },
        { "round-robin", "after write, replica1 caught up", [1, 2], Fallbacks.None },
        { "round-robin", "all down", [0], Fallbacks.All },
        { "round-robin", "no replicas", [0], Fallbacks.All },

        { "least-lag", "healthy", [1, 2], Fallbacks.None },
        { "least-lag", "replica2 down", [1], Fallbacks.Some },
        { "least-lag", "replica2 lagging", [1], Fallbacks.None },
        { "least-lag", "both lagging", [1, 2], Fallbacks.None },
        { "least-lag", "lag unknown", [0], Fallbacks.All },
        { "least-lag", "samples aged", [1, 2], Fallbacks.None },
        { "least-lag", "after write, replicas behind", [1, 2], Fallbacks.None },
        { "least-lag", "all down", [0], Fallbacks.All },
        { "least-lag", "no replicas", [0], Fallbacks.All },

        { "bounded-staleness:1s", "healthy", [1, 2], Fallbacks.None },
        { "bounded-staleness:1s", "replica2 down", [1], Fallbacks.Some },
        { "bounded-staleness:1s", "replica2 lagging", [1], Fallbacks.Some },
        { "bounded-staleness:1s", "both lagging", [0], Fallbacks.All },
        { "bounded-staleness:1s", "lag unknown", [0], Fallbacks.All },
        { "bounded-staleness:1s", "samples aged", [0], Fallbacks.All },
        { "bounded-staleness:1s", "after write, replicas behind", [1, 2], Fallbacks.None },
        { "bounded-staleness:1s", "all down", [0], Fallbacks.All },
        { "bounded-staleness:1s", "no replicas", [0], Fallbacks.All },

        { "read-your-writes", "healthy", [1, 2], Fallbacks.None },
        { "read-your-writes", "replica2 down", [1], Fallbacks.Some },
        { "read-your-writes", "replica2 lagging", [1, 2], Fallbacks.None },
        { "read-your-writes", "lag unknown", [1, 2], Fallbacks.None },
        { "read-your-writes", "after write, replicas behind", [0], Fallbacks.All },
        { "read-your-writes", "after write, replica1 caught up", [1], Fallbacks.Some },
        { "read-your-writes", "after write, both caught up", [1, 2], Fallbacks.None },
        { "read-your-writes", "all down", [0], Fallbacks.All },
        { "read-your-writes", "no replicas", [0], Fallbacks.All },
    };

    public static TheoryData<string> Scenarios => new(BoardScenarios.Names);

    public static TheoryData<string, string> EveryPolicyInEveryScenario
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var policy in new[] { "primary-only", "round-robin", "session-round-robin", "least-lag", "bounded-staleness:1s", "read-your-writes", "npgsql-prefer-standby" })
            {
                foreach (var scenario in BoardScenarios.Names)
                {
                    data.Add(policy, scenario);
                }
            }

            return data;
        }
    }

    public enum Fallbacks
    {
        None,
        Some,
        All,
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Reads_go_where_the_policy_says(string policyText, string scenarioName, int[] expectedNodes, Fallbacks expectedFallbacks)
    {
        var scenario = BoardScenarios.Create(scenarioName);
        var policy = RoutingPolicySpec.Parse(policyText).CreatePolicy(scenario.Time);

        var decisions = Enumerable.Range(0, Reads)
            .Select(_ => policy.Decide(OperationKind.Read, scenario.Session, scenario.Board))
            .ToList();

        Assert.Equal(expectedNodes, decisions.Select(d => d.ChosenNode).Distinct().Order());
        var fallbacks = decisions.Count(d => d.IsFallback);
        Assert.Equal(expectedFallbacks, fallbacks == 0 ? Fallbacks.None : fallbacks == Reads ? Fallbacks.All : Fallbacks.Some);
        Assert.All(decisions.Where(d => !d.IsFallback), d => Assert.Equal(d.IntendedNode, d.ChosenNode));
    }

    [Theory]
    [MemberData(nameof(EveryPolicyInEveryScenario))]
    public void Writes_always_go_to_the_primary(string policyText, string scenarioName)
    {
        var scenario = BoardScenarios.Create(scenarioName);
        var policy = RoutingPolicySpec.Parse(policyText).CreatePolicy(scenario.Time);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(RoutingDecision.Primary, policy.Decide(OperationKind.Write, scenario.Session, scenario.Board));
        }
    }

    [Theory]
    [InlineData("round-robin", "all down")]
    [InlineData("bounded-staleness:1s", "both lagging")]
    [InlineData("read-your-writes", "after write, replicas behind")]
    public void A_fallback_to_the_primary_still_names_the_replica_it_wanted(string policyText, string scenarioName)
    {
        var scenario = BoardScenarios.Create(scenarioName);
        var policy = RoutingPolicySpec.Parse(policyText).CreatePolicy(scenario.Time);

        var decisions = Enumerable.Range(0, 4).Select(_ => policy.Decide(OperationKind.Read, scenario.Session, scenario.Board)).ToList();

        Assert.All(decisions, d => Assert.True(d.FellBackToPrimary));
        Assert.Equal([1, 2], decisions.Select(d => d.IntendedNode).Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Npgsql_prefer_standby_leaves_reads_to_npgsql_and_sends_writes_to_the_primary(string scenarioName)
    {
        var scenario = BoardScenarios.Create(scenarioName);
        var policy = RoutingPolicySpec.NpgsqlPreferStandby.CreatePolicy(scenario.Time);

        Assert.True(policy.Decide(OperationKind.Read, scenario.Session, scenario.Board).IsDelegatedToNpgsql);
        Assert.Equal(RoutingDecision.Primary, policy.Decide(OperationKind.Write, scenario.Session, scenario.Board));
    }
}
