using System.Diagnostics;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>The bench operations against the real primary and replicas of the shared topology.</summary>
public sealed class WorkloadCommandsTests(SharedTopologyFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static long AnyKey() => Random.Shared.NextInt64(1, WorkloadDatabase.SharedRows - 100);

    [Fact]
    public async Task A_point_read_finds_a_seeded_row_at_its_version_and_misses_an_unknown_key()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var replica1 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica1")!.ConnectionString, Token);
        await using var commands = new WorkloadCommands(replica1);
        var key = AnyKey();

        var found = await commands.PointReadAsync(key, Token);
        var missing = await commands.PointReadAsync(WorkloadDatabase.SharedRows + 1, Token);

        Assert.Equal(new PointReadResult(true, await WorkloadDatabase.VersionAsync(replica1, key, Token)), found);
        Assert.True(found.Version >= 1);
        Assert.Equal(new PointReadResult(false, 0), missing);
    }

    [Fact]
    public async Task A_range_read_returns_ten_consecutive_rows_in_key_order_with_their_versions()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var commands = new WorkloadCommands(primary);
        var key = AnyKey();
        await commands.UpdateAsync(key + 3, Token);

        var range = await commands.RangeReadAsync(key, Token);

        Assert.Equal(WorkloadCommands.RangeLength, range.Count);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => key + i), range.Keys.ToArray());
        for (var i = 0; i < range.Count; i++)
        {
            Assert.Equal(await WorkloadDatabase.VersionAsync(primary, key + i, Token), range.Versions.Span[i]);
        }

        // Past the last seeded key a range runs on into inserted keys, if any tests inserted rows.
        var tail = await commands.RangeReadAsync(WorkloadDatabase.SharedRows - 3, Token);
        Assert.Equal([WorkloadDatabase.SharedRows - 3, WorkloadDatabase.SharedRows - 2, WorkloadDatabase.SharedRows - 1, WorkloadDatabase.SharedRows], tail.Keys.ToArray().Take(4));
        Assert.All(tail.Keys.ToArray().Skip(4), k => Assert.True(InsertKeyRange.IsInsertedKey(k)));
    }

    [Fact]
    public async Task An_update_bumps_the_version_by_one_each_time_and_returns_it()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var commands = new WorkloadCommands(primary);
        var key = AnyKey();
        var before = await WorkloadDatabase.VersionAsync(primary, key, Token);

        var first = await commands.UpdateAsync(key, Token);
        var second = await commands.UpdateAsync(key, Token);

        Assert.Equal((key, before + 1), (first.Key, first.Version));
        Assert.Equal(before + 2, second.Version);
        Assert.Equal(before + 2, await WorkloadDatabase.VersionAsync(primary, key, Token));
        Assert.Equal(new PointReadResult(true, before + 2), await commands.PointReadAsync(key, Token));
        Assert.True(second.CommitLsn > first.CommitLsn);
        Assert.True(second.AcknowledgedTimestamp > first.AcknowledgedTimestamp);
        Assert.False((await commands.UpdateAsync(WorkloadDatabase.SharedRows + 1, Token)).Applied);
    }

    [Fact]
    public async Task Inserts_write_version_1_under_keys_of_the_session_block_that_no_other_session_shares()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var commands = new WorkloadCommands(primary);
        var mine = await InsertKeyRange.ReserveAsync(primary, Token);
        var theirs = await InsertKeyRange.ReserveAsync(primary, Token);
        Assert.NotEqual(mine.Block, theirs.Block);

        var first = await commands.InsertAsync(mine.NextKey(), Token);
        var second = await commands.InsertAsync(mine.NextKey(), Token);
        var other = await commands.InsertAsync(theirs.NextKey(), Token);

        Assert.Equal((mine.Start, 1L), (first.Key, first.Version));
        Assert.Equal(mine.Start + 1, second.Key);
        Assert.Equal(theirs.Start, other.Key);
        Assert.Equal(new PointReadResult(true, 1), await commands.PointReadAsync(second.Key, Token));
        var payloadLength = await WorkloadDatabase.ScalarAsync(primary, $"SELECT length(payload) FROM {WorkloadSchema.ItemsTable} WHERE id = {first.Key}", Token);
        Assert.Equal(WorkloadSchema.PayloadLength, payloadLength);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("off")]
    public async Task Once_the_delayed_replica_has_replayed_the_commit_lsn_it_shows_the_write(string synchronousCommit)
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await ExecuteAsync(primary, $"SET synchronous_commit = {synchronousCommit}");
        await using var replica2 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica2")!.ConnectionString, Token);
        await using var commands = new WorkloadCommands(primary);
        var key = AnyKey();

        var write = await commands.UpdateAsync(key, Token);
        Assert.True(await ReplayCatchUp.WaitAsync(replica2, write.CommitLsn, WorkloadDatabase.ReplayTimeout, Token));
        var waited = Stopwatch.GetElapsedTime(write.AcknowledgedTimestamp);

        // replica2 applies commits 300 ms late but other records at once: had the LSN fallen short of
        // the commit record, replay would have reached it long before the new version was visible.
        Assert.Equal(write.Version, await WorkloadDatabase.VersionAsync(replica2, key, Token));
        Assert.True(waited >= SharedTopologyFixture.Replica2ApplyDelay - TimeSpan.FromMilliseconds(50), $"replay reached the commit LSN after only {waited.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task An_lsn_taken_before_the_commit_is_not_enough_on_the_delayed_replica()
    {
        // The control for the test above: it shows that test can tell a right LSN from a wrong one.
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var replica2 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica2")!.ConnectionString, Token);
        var everything = (ulong)(NpgsqlTypes.NpgsqlLogSequenceNumber)(await new NpgsqlCommand("SELECT pg_current_wal_lsn()", primary).ExecuteScalarAsync(Token))!;
        Assert.True(await ReplayCatchUp.WaitAsync(replica2, everything, WorkloadDatabase.ReplayTimeout, Token));
        var key = AnyKey();
        var before = await WorkloadDatabase.VersionAsync(primary, key, Token);

        await using var batch = new NpgsqlCommand(
            $"BEGIN; UPDATE {WorkloadSchema.ItemsTable} SET version = version + 1 WHERE id = {key}; SELECT pg_current_wal_insert_lsn(); COMMIT",
            primary);
        var insidePosition = (ulong)(NpgsqlTypes.NpgsqlLogSequenceNumber)(await batch.ExecuteScalarAsync(Token))!;
        Assert.True(await ReplayCatchUp.WaitAsync(replica2, insidePosition, WorkloadDatabase.ReplayTimeout, Token));

        Assert.Equal(before, await WorkloadDatabase.VersionAsync(replica2, key, Token));
    }

    [Fact]
    public async Task A_write_on_a_replica_fails_as_read_only_and_the_commands_stay_usable()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var replica1 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica1")!.ConnectionString, Token);
        await using var commands = new WorkloadCommands(replica1);

        var ex = await Assert.ThrowsAsync<PostgresException>(async () => await commands.UpdateAsync(AnyKey(), Token));

        Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, ex.SqlState);
        Assert.True((await commands.PointReadAsync(AnyKey(), Token)).Found);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }
}
