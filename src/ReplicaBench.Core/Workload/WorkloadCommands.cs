using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Workload;

/// <summary>
/// The bench operations on one connection, which the caller (the router) has opened to the node it
/// chose. Each operation owns one prepared command with typed parameters that are reused, so a call
/// only sets a value and sends the prepared statement: the cheapest thing Npgsql can do (see
/// <c>shared/PERFORMANCE.md</c>). Statements are prepared on first use, so a connection to a replica
/// never prepares a write. One virtual user uses an instance at a time; if the connection breaks,
/// open a new one and make a new instance.
/// </summary>
/// <remarks>
/// <para>Writes return a commit LSN from the same round trip. The batch is
/// <c>UPDATE ... RETURNING version</c>, an error barrier (a protocol Sync), then a <c>SELECT</c> of
/// the WAL position. At the Sync PostgreSQL commits the write's implicit transaction — with
/// <c>synchronous_commit</c> on, the commit record is flushed before it goes on — and the
/// <c>SELECT</c> runs afterwards in a new transaction, so the position it reads is at or after the
/// commit record. With <c>synchronous_commit = off</c> the commit is acknowledged before the flush, so
/// the write position could still be short of it; the insert position is taken instead (always past
/// the commit record, at worst by a page header, which only makes a read-your-writes router wait for
/// one more record). The barrier also means a failed write leaves no open transaction behind.</para>
/// <para>The point read is the same work as <c>pgbench -S</c> (one column by primary key), so the
/// load engine can be compared with pgbench like for like.</para>
/// </remarks>
public sealed class WorkloadCommands : IAsyncDisposable
{
    /// <summary>Rows a range read returns at most.</summary>
    public const int RangeLength = 10;

    private const string PointReadSql = $"SELECT version FROM {WorkloadSchema.ItemsTable} WHERE id = $1";

    private const string InsertSql =
        $"INSERT INTO {WorkloadSchema.ItemsTable} (id, version, payload, written_at) VALUES ($1, 1, $2, now())";

    private const string UpdateSql =
        $"UPDATE {WorkloadSchema.ItemsTable} SET version = version + 1, written_at = now() WHERE id = $1 RETURNING version";

    // On a standby the write itself fails (25006); the NULL branch keeps this SELECT from failing too
    // (55000), so the caller gets the write's own PostgresException rather than an aggregate of two.
    private const string CommitLsnSql = """
        SELECT CASE WHEN pg_is_in_recovery() THEN NULL
                    WHEN current_setting('synchronous_commit') = 'off' THEN pg_current_wal_insert_lsn()
                    ELSE pg_current_wal_lsn() END
        """;

    private static readonly string RangeReadSql = string.Create(
        CultureInfo.InvariantCulture,
        $"SELECT id, version FROM {WorkloadSchema.ItemsTable} WHERE id >= $1 ORDER BY id LIMIT {RangeLength}");

    private readonly NpgsqlCommand _pointRead;
    private readonly NpgsqlParameter<long> _pointReadKey = new() { NpgsqlDbType = NpgsqlDbType.Bigint };
    private readonly NpgsqlCommand _rangeRead;
    private readonly NpgsqlParameter<long> _rangeReadFrom = new() { NpgsqlDbType = NpgsqlDbType.Bigint };
    private readonly NpgsqlBatch _insert;
    private readonly NpgsqlParameter<long> _insertKey = new() { NpgsqlDbType = NpgsqlDbType.Bigint };
    private readonly NpgsqlParameter<char[]> _insertPayload = new() { NpgsqlDbType = NpgsqlDbType.Varchar, TypedValue = new char[WorkloadSchema.PayloadLength] };
    private readonly NpgsqlBatch _update;
    private readonly NpgsqlParameter<long> _updateKey = new() { NpgsqlDbType = NpgsqlDbType.Bigint };
    private readonly long[] _rangeKeys = new long[RangeLength];
    private readonly long[] _rangeVersions = new long[RangeLength];
    private bool _pointReadPrepared;
    private bool _rangeReadPrepared;
    private bool _insertPrepared;
    private bool _updatePrepared;

    public WorkloadCommands(NpgsqlConnection connection)
    {
        Connection = connection;
        _pointRead = new NpgsqlCommand(PointReadSql, connection) { Parameters = { _pointReadKey } };
        _rangeRead = new NpgsqlCommand(RangeReadSql, connection) { Parameters = { _rangeReadFrom } };
        _insert = WriteBatch(connection, InsertSql, _insertKey, _insertPayload);
        _update = WriteBatch(connection, UpdateSql, _updateKey);
    }

    /// <summary>The connection these commands run on.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>Reads one row's version by key.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<PointReadResult> PointReadAsync(long key, CancellationToken cancellationToken)
    {
        _pointReadKey.TypedValue = key;
        if (!_pointReadPrepared)
        {
            await SessionPolicy.PrepareAsync(_pointRead, cancellationToken);
            _pointReadPrepared = true;
        }

        await using var reader = await _pointRead.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new PointReadResult(true, reader.GetInt64(0)) : default;
    }

    /// <summary>Reads up to <see cref="RangeLength"/> rows from <paramref name="fromKey"/> on, in key order.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RangeReadResult> RangeReadAsync(long fromKey, CancellationToken cancellationToken)
    {
        _rangeReadFrom.TypedValue = fromKey;
        if (!_rangeReadPrepared)
        {
            await SessionPolicy.PrepareAsync(_rangeRead, cancellationToken);
            _rangeReadPrepared = true;
        }

        var count = 0;
        await using (var reader = await _rangeRead.ExecuteReaderAsync(cancellationToken))
        {
            while (count < RangeLength && await reader.ReadAsync(cancellationToken))
            {
                _rangeKeys[count] = reader.GetInt64(0);
                _rangeVersions[count] = reader.GetInt64(1);
                count++;
            }
        }

        return new RangeReadResult(count, _rangeKeys.AsMemory(0, count), _rangeVersions.AsMemory(0, count));
    }

    /// <summary>Inserts a new row (version 1) under <paramref name="key"/>, which must be unused (see <see cref="InsertKeyRange"/>).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WriteResult> InsertAsync(long key, CancellationToken cancellationToken)
    {
        _insertKey.TypedValue = key;
        WorkloadSeeder.FormatPayload(key, _insertPayload.TypedValue);
        if (!_insertPrepared)
        {
            await SessionPolicy.PrepareAsync(_insert, cancellationToken);
            _insertPrepared = true;
        }

        ulong lsn;
        await using (var reader = await _insert.ExecuteReaderAsync(cancellationToken))
        {
            // The INSERT returns no rows, so the reader starts on the LSN's result set.
            lsn = await ReadCommitLsnAsync(reader, cancellationToken);
        }

        return new WriteResult(key, 1, lsn, Stopwatch.GetTimestamp());
    }

    /// <summary>Bumps the row's version by one and sets its write time.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WriteResult> UpdateAsync(long key, CancellationToken cancellationToken)
    {
        _updateKey.TypedValue = key;
        if (!_updatePrepared)
        {
            await SessionPolicy.PrepareAsync(_update, cancellationToken);
            _updatePrepared = true;
        }

        long version = 0;
        ulong lsn;
        await using (var reader = await _update.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                version = reader.GetInt64(0);
            }

            await reader.NextResultAsync(cancellationToken);
            lsn = await ReadCommitLsnAsync(reader, cancellationToken);
        }

        return new WriteResult(key, version, lsn, Stopwatch.GetTimestamp());
    }

    public async ValueTask DisposeAsync()
    {
        await _pointRead.DisposeAsync();
        await _rangeRead.DisposeAsync();
        await _insert.DisposeAsync();
        await _update.DisposeAsync();
    }

    private static NpgsqlBatch WriteBatch(NpgsqlConnection connection, string writeSql, params NpgsqlParameter[] parameters)
    {
        var write = new NpgsqlBatchCommand(writeSql) { AppendErrorBarrier = true };
        foreach (var parameter in parameters)
        {
            write.Parameters.Add(parameter);
        }

        return new NpgsqlBatch(connection) { BatchCommands = { write, new NpgsqlBatchCommand(CommitLsnSql) } };
    }

    private static async ValueTask<ulong> ReadCommitLsnAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0))
        {
            throw new InvalidOperationException("the write's batch returned no commit LSN");
        }

        return (ulong)reader.GetFieldValue<NpgsqlLogSequenceNumber>(0);
    }
}
