using ReplicaBench.Runs;

namespace ReplicaBench.Core.Tests.Runs;

public sealed class ConnectionBudgetTests
{
    private static NodeConnectionRoom Room(string node, int limit, int reserved = 3, int inUse = 0) => new(node, "max_connections", limit, reserved, inUse);

    [Fact]
    public void Round_robin_users_hold_one_connection_on_every_node_and_the_suite_adds_its_own()
    {
        var needs = ConnectionDemand.For("primary", ["replica1", "replica2"], 4, readsFromReplicas: true);

        Assert.Equal(
            [new("primary", 4, 5), new("replica1", 4, 6), new("replica2", 4, 6)],
            needs);
        Assert.Equal([9, 10, 10], needs.Select(n => n.Total));
    }

    [Fact]
    public void Primary_only_users_need_no_replica_connection_and_a_lone_primary_only_the_seeding_one()
    {
        Assert.Equal([new("primary", 8, 5), new("replica1", 0, 6)], ConnectionDemand.For("primary", ["replica1"], 8, readsFromReplicas: false));
        Assert.Equal([new("primary", 8, 1)], ConnectionDemand.For("primary", [], 8, readsFromReplicas: true));
    }

    [Fact]
    public void Shards_multiply_the_suites_own_connections()
    {
        Assert.Equal([new("primary", 10, 10), new("replica1", 10, 12)], ConnectionDemand.For("primary", ["replica1"], 10, readsFromReplicas: true, shards: 2));
    }

    [Fact]
    public void Fifty_users_on_a_server_of_twenty_connections_are_refused_with_the_numbers_and_the_ways_out()
    {
        var refusal = ConnectionBudget.Refusal(ConnectionDemand.For("primary", [], 50, readsFromReplicas: false), [Room("primary", 20)], 50, provisioned: false, pooled: false);

        // 20 - 3 reserved = 17 free; the suite keeps 1 (seeding), so 16 users fit; 50 + 1 + 3 = 54 rounds up to 60.
        Assert.Equal(
            "not enough connections for 50 virtual users: primary needs 51 (50 for the users + 1 of the suite's own) but accepts 17 (max_connections 20 - 3 reserved - 0 in use); "
            + "use at most 16 --vus (--max-vus in the open model), or bring the topology up again with 'replicabench topology up --max-connections 60', or put a pooler in front with 'topology up --pooler pgbouncer'.",
            refusal);
    }

    [Fact]
    public void The_last_user_that_fits_runs_and_one_more_is_refused()
    {
        Assert.Null(ConnectionBudget.Refusal(ConnectionDemand.For("primary", [], 16, false), [Room("primary", 20)], 16, false, false));
        Assert.NotNull(ConnectionBudget.Refusal(ConnectionDemand.For("primary", [], 17, false), [Room("primary", 20)], 17, false, false));
    }

    [Fact]
    public void Connections_already_in_use_and_the_tightest_node_decide_how_many_users_fit()
    {
        var needs = ConnectionDemand.For("primary", ["replica1"], 100, readsFromReplicas: true);
        // primary: 200 - 3 - 10 = 187 free, needs 105; replica1: 100 - 3 - 0 = 97 free, needs 106 (100 + 6).
        var refusal = ConnectionBudget.Refusal(needs, [Room("primary", 200, inUse: 10), Room("replica1", 100)], 100, provisioned: false, pooled: false);

        Assert.NotNull(refusal);
        Assert.StartsWith("not enough connections for 100 virtual users: replica1 needs 106 (100 for the users + 6 of the suite's own) but accepts 97 (max_connections 100 - 3 reserved - 0 in use); use at most 91 --vus", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("primary needs", refusal, StringComparison.Ordinal);
        Assert.Contains("--max-connections 110'", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provisioned_run_is_pointed_at_a_topology_of_the_users_own_and_a_pooled_one_at_the_poolers_limit()
    {
        var needs = ConnectionDemand.For("primary", [], 5000, false);

        Assert.Contains("use at most 196 --vus (--max-vus in the open model), or bring up a topology with 'replicabench topology up --max-connections 5010' (or '--pooler pgbouncer') and pass its --state-dir.",
            ConnectionBudget.Refusal(needs, [Room("primary", 200)], 5000, provisioned: true, pooled: false), StringComparison.Ordinal);
        Assert.EndsWith("use at most 1999 --vus (--max-vus in the open model), or raise the pooler's max_client_conn to 5010.",
            ConnectionBudget.Refusal(needs, [new NodeConnectionRoom("primary", "pgbouncer max_client_conn", 2000, 0, 0)], 5000, provisioned: false, pooled: true), StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_whose_limit_could_not_be_read_is_not_checked_and_a_full_one_asks_to_free_connections()
    {
        Assert.Null(ConnectionBudget.Refusal(ConnectionDemand.For("primary", ["replica1"], 500, true), [Room("primary", 1000)], 500, false, false));

        var full = ConnectionBudget.Refusal(ConnectionDemand.For("primary", [], 1, false), [Room("primary", 20, inUse: 17)], 1, false, false);
        Assert.Contains("accepts 0 (max_connections 20 - 3 reserved - 17 in use); free connections on the servers, or", full, StringComparison.Ordinal);
    }
}
