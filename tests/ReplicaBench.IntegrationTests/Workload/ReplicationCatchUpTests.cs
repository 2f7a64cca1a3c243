using Npgsql;
using NpgsqlTypes;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// The wait for replicas to replay the primary's WAL, against the shared topology's replica2, which
/// applies commits 300 ms late: right after a burst of commits the wait takes about those 300 ms,
/// and with a 100 ms limit it gives up and says which replica is behind.
/// </summary>
public sealed class ReplicationCatchUpTests(SharedTopologyFixture fixture)
{
    /// <summary>The burst's own commits and the wait's first polls take a few ms off the delay; a loaded machine may take more.</summary>
    private static readonly TimeSpan EarlyTolerance = TimeSpan.FromMilliseconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_a_burst_of_writes_the_wait_lasts_about_the_apply_delay_and_ends_with_every_replica_caught_up()
    {
        var topology = fixture.Topology;
        await using var burst = await CommitBurst.WriteAsync(topology.Primary.ConnectionString, Token);

        var wait = await ReplicationCatchUp.WaitAsync(topology, TimeSpan.FromSeconds(30), TimeProvider.System, Token);

        Assert.NotNull(wait);
        TestContext.Current.TestOutputHelper?.WriteLine($"waited {wait.WaitedMs:0.#} ms for every replica to replay {ReplicaBench.Routing.Lsn.Format(wait.PrimaryLsn)}");
        Assert.False(wait.TimedOut, wait.Warning);
        Assert.Null(wait.Warning);
        Assert.InRange(wait.Waited, SharedTopologyFixture.Replica2ApplyDelay - EarlyTolerance, TimeSpan.FromSeconds(3));
        Assert.True(wait.PrimaryLsn >= burst.LastCommitLsn, "the wait started before the burst's last commit");
        foreach (var replica in topology.Replicas)
        {
            Assert.True(await ReplayLsnAsync(replica.ConnectionString) >= wait.PrimaryLsn, $"{replica.Name} had not replayed the primary's position when the wait ended");
        }
    }

    [Fact]
    public async Task A_limit_shorter_than_the_apply_delay_is_reported_as_a_timeout_naming_the_delayed_replica()
    {
        var topology = fixture.Topology;
        await using var burst = await CommitBurst.WriteAsync(topology.Primary.ConnectionString, Token);

        var wait = await ReplicationCatchUp.WaitAsync(topology, TimeSpan.FromMilliseconds(100), TimeProvider.System, Token);

        Assert.NotNull(wait);
        Assert.True(wait.TimedOut);
        // replica1 has no delay, but a loaded machine can keep it past 100 ms too.
        Assert.Contains("replica2", wait.Behind);
        Assert.InRange(wait.Waited, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Contains("replica2 had not replayed", wait.Warning, StringComparison.Ordinal);
    }

    private static async Task<ulong> ReplayLsnAsync(string replica)
    {
        await using var connection = new NpgsqlConnection(replica);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT pg_last_wal_replay_lsn()", connection);
        return (ulong)(NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Twenty marker commits back to back on the primary, removed again when disposed.</summary>
    private sealed class CommitBurst : IAsyncDisposable
    {
        private readonly NpgsqlConnection _primary;
        private readonly long _runId = Random.Shared.NextInt64(1, long.MaxValue);

        private CommitBurst(NpgsqlConnection primary)
        {
            _primary = primary;
        }

        public ulong LastCommitLsn { get; private set; }

        public static async Task<CommitBurst> WriteAsync(string primary, CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(primary);
            await connection.OpenAsync(cancellationToken);
            await VisibilityMarkers.EnsureAsync(connection, cancellationToken);
            var burst = new CommitBurst(connection);
            await using var insert = new NpgsqlCommand(VisibilityMarkers.InsertSql, connection)
            {
                Parameters = { new NpgsqlParameter<long> { TypedValue = burst._runId }, new NpgsqlParameter<int> { TypedValue = 0 } },
            };
            for (var seq = 1; seq <= 20; seq++)
            {
                insert.Parameters[1].Value = seq;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var position = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
            burst.LastCommitLsn = (ulong)(NpgsqlLogSequenceNumber)(await position.ExecuteScalarAsync(cancellationToken))!;
            return burst;
        }

        public async ValueTask DisposeAsync()
        {
            await using (var delete = new NpgsqlCommand(VisibilityMarkers.DeleteSql, _primary) { Parameters = { new NpgsqlParameter<long> { TypedValue = _runId } } })
            {
                await delete.ExecuteNonQueryAsync();
            }

            await _primary.DisposeAsync();
        }
    }
}
