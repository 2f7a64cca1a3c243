using System.Diagnostics;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace ReplicaBench.Workload;

/// <summary>
/// Fills the bench table with keys 1..N (version 1) by binary COPY, the fastest way into PostgreSQL.
/// </summary>
/// <remarks>
/// Idempotent by content: when the table already holds exactly keys 1..N (a re-run with the same
/// size; earlier updates may have raised versions, which the workload does not mind) it is left
/// alone. Otherwise — another size, or rows inserted by an earlier load — it is truncated and copied
/// afresh in one transaction, so a reader never sees a half-seeded table. As <c>pgbench -i</c> does
/// and the PostgreSQL manual advises for bulk loads, the primary key is dropped for the copy and
/// built afterwards in one sorted pass, instead of being updated row by row. <c>COPY ... FREEZE</c>
/// writes the rows frozen and all-visible (allowed because the table was truncated in the same
/// transaction): the first load run pays for no hint-bit writes and no freezing vacuum, and row
/// counts can use index-only scans at once. <c>ANALYZE</c> follows so plans are right from the first
/// query. Seeding takes an exclusive lock on the table: do not seed during a load run.
/// </remarks>
public static class WorkloadSeeder
{
    /// <summary>
    /// The largest seed accepted: 100 million rows is a table of roughly 17 GB with its index, more
    /// than any local or CI run needs; beyond it a typo (an extra zero) is far more likely than intent.
    /// </summary>
    public const long MaxRows = 100_000_000;

    private const string CopySql =
        $"COPY {WorkloadSchema.ItemsTable} (id, payload) FROM STDIN (FORMAT BINARY, FREEZE)";

    /// <summary>Throws <see cref="BadInputException"/> unless 1 &lt;= rows &lt;= <see cref="MaxRows"/>.</summary>
    public static void ValidateRowCount(long rows)
    {
        if (rows is <= 0 or > MaxRows)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"seed row count {rows} is out of range; give a number of rows from 1 to {MaxRows:N0} (e.g. 100000 or 1000000)."));
        }
    }

    /// <summary>Creates the schema if needed and makes the table hold exactly keys 1..<paramref name="rows"/>.</summary>
    public static async Task<SeedResult> SeedAsync(NpgsqlConnection primary, long rows, CancellationToken cancellationToken)
    {
        ValidateRowCount(rows);
        var started = Stopwatch.GetTimestamp();
        await WorkloadSchema.CreateAsync(primary, cancellationToken);

        var copied = false;
        if (!await HoldsExactlyAsync(primary, rows, cancellationToken))
        {
            await CopyAsync(primary, rows, cancellationToken);
            await ExecuteAsync(primary, $"ANALYZE {WorkloadSchema.ItemsTable}", cancellationToken);
            copied = true;
        }

        await using var lsnCommand = new NpgsqlCommand("SELECT pg_current_wal_lsn()", primary);
        var lsn = (NpgsqlLogSequenceNumber)(await lsnCommand.ExecuteScalarAsync(cancellationToken))!;
        return new SeedResult(rows, copied, Stopwatch.GetElapsedTime(started), (ulong)lsn);
    }

    /// <summary>The payload of a seeded or inserted row: the key, zero-padded, then filler to <see cref="WorkloadSchema.PayloadLength"/> characters.</summary>
    internal static void FormatPayload(long key, Span<char> payload)
    {
        const string Filler = "abcdefghijklmnopqrstuvwxyz";
        for (var i = 20; i < payload.Length; i++)
        {
            payload[i] = Filler[i % Filler.Length];
        }

        key.TryFormat(payload[..20], out _, "D20", CultureInfo.InvariantCulture);
    }

    private static async Task<bool> HoldsExactlyAsync(NpgsqlConnection primary, long rows, CancellationToken cancellationToken)
    {
        // Keys are unique, so min 1, max N and count N mean exactly keys 1..N. min and max come from
        // the primary key at once; the count (an index-only scan on a frozen table) runs only if they match.
        if (await ScalarAsync(primary, $"SELECT coalesce(min(id), 0) = 1 AND coalesce(max(id), 0) = {rows} FROM {WorkloadSchema.ItemsTable}", cancellationToken) is not true)
        {
            return false;
        }

        return await ScalarAsync(primary, $"SELECT count(*) = {rows} FROM {WorkloadSchema.ItemsTable}", cancellationToken) is true;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection primary, long rows, CancellationToken cancellationToken)
    {
        await using var transaction = await primary.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(
            primary,
            $"TRUNCATE {WorkloadSchema.ItemsTable}; ALTER TABLE {WorkloadSchema.ItemsTable} DROP CONSTRAINT IF EXISTS {WorkloadSchema.ItemsPrimaryKey}",
            cancellationToken);

        var payload = new char[WorkloadSchema.PayloadLength];
        await using (var importer = await primary.BeginBinaryImportAsync(CopySql, cancellationToken))
        {
            for (long key = 1; key <= rows; key++)
            {
                FormatPayload(key, payload);
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(key, NpgsqlDbType.Bigint, cancellationToken);
                await importer.WriteAsync(payload, NpgsqlDbType.Varchar, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await ExecuteAsync(primary, $"ALTER TABLE {WorkloadSchema.ItemsTable} ADD CONSTRAINT {WorkloadSchema.ItemsPrimaryKey} PRIMARY KEY (id)", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
