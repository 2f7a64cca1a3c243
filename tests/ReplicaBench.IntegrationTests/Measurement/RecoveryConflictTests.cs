using System.Globalization;
using Npgsql;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Local;
using ReplicaBench.Topology.Settings;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>
/// The hot-standby trade-off on a topology of its own (primary + 1 replica, max_standby_streaming_delay
/// = 0, set with the replica settings of <c>topology up</c>): long reads on the replica while the
/// primary updates and vacuums the same table are cancelled with hot_standby_feedback off, counted
/// alike by the client (<see cref="RecoveryConflicts"/>) and by the replica's pg_stat_database_conflicts
/// (<see cref="DatabaseConflictsReader"/>); with it on, none are, and the primary keeps the dead tuples
/// (<see cref="TableBloat"/>).
/// </summary>
public sealed class RecoveryConflictTests : IDisposable
{
    /// <summary>Long reads per side; each one overlaps one update of every row and one VACUUM.</summary>
    private const int Rounds = 3;

    private const int Rows = 2000;

    /// <summary>How long each read holds its snapshot after counting: long enough for the update, the vacuum and its replay.</summary>
    private static readonly TimeSpan LongRead = TimeSpan.FromSeconds(2);

    private readonly OwnTopologyFolders _folders = new();

    public RecoveryConflictTests()
    {
        PostgresRequirement.Ensure();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task With_feedback_off_every_long_read_is_cancelled_as_a_snapshot_conflict_and_with_it_on_none_is_and_the_primary_keeps_the_dead_tuples()
    {
        var request = new TopologyRequest(1)
        {
            ServerSettings = ServerSettingsPlan.Parse(null, ["hot_standby_feedback=off", "max_standby_streaming_delay=0"]),
        };
        var topology = await TopologyLifecycle.UpAsync(new LocalTopologyProvider(TimeProvider.System, _folders.DataParent), request, _folders.State, Token);

        var off = await RunSideAsync(topology, "conflicts_off");

        await ServerSettingsApplier.ApplyAsync(_folders.State, ServerSettingsPlan.Parse(null, ["hot_standby_feedback=on", "max_standby_streaming_delay=0"]), Token);
        var on = await RunSideAsync(_folders.State.Read(), "conflicts_on");

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"off: client {off.Client}, server {off.Server}, dead tuples {off.Before.DeadTuples} -> {off.After.DeadTuples}, size {off.Before.SizeBytes} -> {off.After.SizeBytes} B; " +
            $"on: client {on.Client}, server {on.Server}, dead tuples {on.Before.DeadTuples} -> {on.After.DeadTuples}, size {on.Before.SizeBytes} -> {on.After.SizeBytes} B");

        // Off: each read's snapshot needs row versions the replayed vacuum removes, and with no delay
        // allowed replay cancels it at once. Both counts are exact here: every cancelled read was one
        // statement (a session cancelled while idle in a transaction would be terminated instead, and
        // counted only by the server), and each reader disconnected, which sends its statistics.
        Assert.Equal(new ConflictCounts(Rounds, 0, 0, 0, 0, 0), off.Client);
        Assert.Equal(off.Client, off.Server);
        Assert.Equal(0, off.Completed);

        // On: the replica's feedback holds the primary's vacuum back, so no read is cancelled ...
        Assert.Equal(ConflictCounts.Zero, on.Client);
        Assert.Equal(ConflictCounts.Zero, on.Server);
        Assert.Equal(Rounds, on.Completed);
        // ... and the dead row versions of the last round's update stay on the primary (off: vacuum removed them).
        Assert.True(on.After.DeadTuples > off.After.DeadTuples, $"dead tuples after: on {on.After.DeadTuples}, off {off.After.DeadTuples}");
        Assert.True(on.After.DeadTuples >= Rows, $"on: {on.After.DeadTuples} dead tuples, expected at least the last round's {Rows}");
        Assert.True(on.After.SizeBytes >= off.After.SizeBytes, $"table size after: on {on.After.SizeBytes}, off {off.After.SizeBytes}");

        await TopologyLifecycle.DownAsync(_folders.State, Token);
    }

    /// <summary>One side of the pair: a fresh table (vacuum_truncate off, so vacuum takes no lock that would add lock conflicts), then the rounds.</summary>
    private static async Task<Side> RunSideAsync(TopologyDescriptor topology, string table)
    {
        var replica = topology.Replicas[0];
        await using var primary = await NodeConnections.OpenAsync(topology.Primary, Token, b => b.Pooling = false);
        await ExecuteAsync(primary, $"CREATE TABLE {table} (id int PRIMARY KEY, v int NOT NULL) WITH (vacuum_truncate = off, autovacuum_enabled = off)");
        await ExecuteAsync(primary, $"INSERT INTO {table} SELECT i, 0 FROM generate_series(1, {Rows}) i");
        await WaitForRowsAsync(replica, table);

        var before = await TableBloat.ReadAsync(topology.Primary, table, Token);
        var serverBefore = await DatabaseConflictsReader.ReadAsync(replica, Token);
        var client = ConflictCounts.Zero;
        var completed = 0;
        for (var round = 0; round < Rounds; round++)
        {
            // Npgsql redacts an error's detail, where the kind is, unless the connection asks for it.
            var reader = await NodeConnections.OpenAsync(replica, Token, b => (b.Pooling, b.IncludeErrorDetail) = (false, true));
            var read = LongReadAsync(reader, table);
            // The writer starts only once the read holds its snapshot (it sleeps), however slow the machine.
            await WaitUntilSleepingAsync(replica, reader.ProcessID);
            await ExecuteAsync(primary, $"UPDATE {table} SET v = v + 1");
            await ExecuteAsync(primary, $"VACUUM {table}");
            if (await read is { } kind)
            {
                client = client.With(kind);
            }
            else
            {
                completed++;
            }
        }

        var after = await TableBloat.ReadAsync(topology.Primary, table, Token);
        return new Side(client, await ServerCountAsync(replica, serverBefore, client.Total), completed, before, after);
    }

    /// <summary>One long read: a single statement that counts the table and then holds its snapshot. The conflict's kind, or null when it completed.</summary>
    private static async Task<ConflictKind?> LongReadAsync(NpgsqlConnection reader, string table)
    {
        await using var connection = reader;
        var seconds = LongRead.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        await using var command = new NpgsqlCommand($"SELECT (SELECT count(*) FROM {table}), pg_sleep({seconds})", connection)
        {
            CommandTimeout = (int)LongRead.TotalSeconds + 30,
        };
        try
        {
            await command.ExecuteNonQueryAsync(Token);
            return null;
        }
        catch (PostgresException ex) when (RecoveryConflicts.Classify(ex) is { } kind)
        {
            return kind;
        }
    }

    /// <summary>
    /// The replica's count since <paramref name="before"/>. A cancelled backend sends its statistics
    /// when it goes idle or disconnects, so the count may arrive a moment after the error: read until
    /// it reaches the client's (or 5 s pass, and then whatever it says).
    /// </summary>
    private static async Task<ConflictCounts> ServerCountAsync(TopologyNode replica, ConflictCounts before, long clientTotal)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var since = (await DatabaseConflictsReader.ReadAsync(replica, Token)).Since(before);
            if (since.Total >= clientTotal || waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                return since;
            }

            await Task.Delay(100, Token);
        }
    }

    private static async Task WaitUntilSleepingAsync(TopologyNode replica, int pid)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await NodeConnections.OpenAsync(replica, Token, b => b.Pooling = false);
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = pid });
            if ((long)(await command.ExecuteScalarAsync(Token))! == 1)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the long read did not start within 10 s");
            await Task.Delay(20, Token);
        }
    }

    private static async Task WaitForRowsAsync(TopologyNode replica, string table)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await using var connection = await NodeConnections.OpenAsync(replica, Token, b => b.Pooling = false);
        while (true)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM pg_class WHERE relname = '{table}'", connection);
            if ((long)(await command.ExecuteScalarAsync(Token))! == 1)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
                if ((long)(await count.ExecuteScalarAsync(Token))! == Rows)
                {
                    return;
                }
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), $"{table} did not reach the replica in 15 s");
            await Task.Delay(50, Token);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    private sealed record Side(ConflictCounts Client, ConflictCounts Server, int Completed, TableBloat Before, TableBloat After);
}
