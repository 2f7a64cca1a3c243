using System.Globalization;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Workload;

/// <summary>
/// The bench tables, all inside <see cref="SuiteSchema.Name"/>. Creating is idempotent and never
/// drops anything (the visibility probe keeps its own table in the same schema); dropping removes
/// the suite schema and nothing else.
/// </summary>
/// <remarks>
/// <para><c>items</c>: one row per key. Seeded keys are 1..N with version 1; inserted keys come from
/// per-session blocks at or above <see cref="InsertKeyRange.FirstKey"/>, so they never meet a seeded
/// key or another session's key. <c>version</c> goes up by one on every update, and
/// <c>written_at</c> is the server's time of the write.</para>
/// <para><c>payload</c> is <c>varchar(100)</c> rather than <c>text</c> on purpose: with a bounded row
/// width PostgreSQL creates no TOAST table, and a TOAST table would live in <c>pg_toast</c>, outside
/// the suite schema. <c>fillfactor = 90</c> leaves room on each page so updates can be HOT (no index
/// change), as they are in a tuned application table.</para>
/// </remarks>
public static class WorkloadSchema
{
    /// <summary>The bench table, schema-qualified.</summary>
    public const string ItemsTable = SuiteSchema.Name + "." + ItemsTableName;

    /// <summary>The bench table's name within <see cref="SuiteSchema.Name"/>, as the catalog (pg_class.relname) has it.</summary>
    public const string ItemsTableName = "items";

    /// <summary>Hands out blocks of insert keys, one per session (see <see cref="InsertKeyRange"/>).</summary>
    public const string InsertKeyBlocksSequence = SuiteSchema.Name + ".insert_key_blocks";

    /// <summary>The name of the bench table's primary key (the seeder drops it for the copy and rebuilds it).</summary>
    internal const string ItemsPrimaryKey = "items_pkey";

    /// <summary>Width of the payload column; rows are about 100 bytes of payload plus three numbers.</summary>
    public const int PayloadLength = 100;

    // Serialises concurrent creators (parallel test runs, two tools at once) so that CREATE ... IF NOT
    // EXISTS cannot race into a duplicate-key error on the catalogs. An advisory lock creates nothing.
    private const long CreateLockKey = 0x5265706c42656e63; // "ReplBenc"

    private static readonly string CreateSql = string.Create(CultureInfo.InvariantCulture, $"""
        SELECT pg_advisory_xact_lock({CreateLockKey});
        CREATE SCHEMA IF NOT EXISTS {SuiteSchema.Name};
        CREATE TABLE IF NOT EXISTS {ItemsTable} (
            id bigint CONSTRAINT {ItemsPrimaryKey} PRIMARY KEY,
            version bigint NOT NULL DEFAULT 1,
            payload varchar({PayloadLength}) NOT NULL,
            written_at timestamptz NOT NULL DEFAULT now()
        ) WITH (fillfactor = 90);
        CREATE SEQUENCE IF NOT EXISTS {InsertKeyBlocksSequence} MINVALUE 1 MAXVALUE {InsertKeyRange.MaxBlocks};
        """);


    /// <summary>Creates the suite schema and the bench objects that are missing; leaves everything else as it is.</summary>
    public static async Task CreateAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        await using var transaction = await primary.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(CreateSql, primary, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Drops the suite schema with everything in it (see <see cref="SuiteSchema.DropAsync"/>).</summary>
    public static Task DropAsync(NpgsqlConnection primary, CancellationToken cancellationToken) =>
        SuiteSchema.DropAsync(primary, cancellationToken);

    /// <summary>Whether the bench table exists (on any node; replicas see it once replayed).</summary>
    public static async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT to_regclass('{ItemsTable}') IS NOT NULL", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
