using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Routing;
using ReplicaBench.Workload;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>Database operations still waiting when the stop cancels them are neither errors nor successes.</summary>
public sealed class StopCancellationTests(SharedTopologyFixture fixture)
{
    private const long SeedRows = 100;
    private const int VirtualUsers = 3;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Updates_blocked_on_a_row_lock_until_the_stop_cancels_them_are_cancelled_at_stop_not_errors()
    {
        var topology = fixture.Topology;
        await using var primary = new NpgsqlConnection(topology.Primary.ConnectionString);
        await primary.OpenAsync(Token);
        await WorkloadSchema.CreateAsync(primary, Token);
        await WorkloadSeeder.SeedAsync(primary, SeedRows, Token);

        // Every seeded row stays locked for the whole run: each user's first update waits on it
        // until the graceful stop runs out and its token is cancelled (Npgsql then cancels the statement).
        await using var locks = await primary.BeginTransactionAsync(Token);
        await using (var lockAll = new NpgsqlCommand($"SELECT id FROM {WorkloadSchema.ItemsTable} FOR UPDATE", primary, locks))
        {
            await lockAll.ExecuteNonQueryAsync(Token);
        }

        await using var router = new Router(topology, RoutingPolicySpec.PrimaryOnly);
        var setup = new WorkloadUserSetup(router, WorkloadMix.Create("update-only", 0, 0, 0, 100), KeyChooser.Uniform(SeedRows), new AcknowledgedVersions(SeedRows));
        var scenario = LoadScenario.Create("blocked", (context, token) => WorkloadVirtualUser.CreateAsync(setup, context, token))
            .WithOperations(WorkloadUserSetup.Operations)
            .WithNodes(topology.NodeDefinitions())
            .WithLoad(LoadShape.Closed(VirtualUsers))
            .WithDuration(TimeSpan.FromSeconds(1))
            .WithGracefulStop(TimeSpan.FromSeconds(1));

        var result = await LoadRunner.RunAsync(scenario, cancellationToken: Token);

        Assert.Equal(VirtualUsers, result.CancelledAtStop);
        Assert.Equal(0, result.AbandonedOperations);
        Assert.Equal(0, result.Total.Failed);
        Assert.Empty(result.Total.ErrorsByKind);
        Assert.Equal(0, result.Total.Completed);

        // Nor did the router count the cancellations against the primary.
        Assert.Equal(0, router.Counts().FailuresByKind.Values.Sum());
    }
}
