using System.Globalization;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Workload.LongReads;

/// <summary>
/// The table of the <c>long-reads</c> scenario: long reads aggregate it on the replicas while the
/// primary updates every row and vacuums it (<see cref="ConflictWriter"/>). Made afresh for each
/// cell, so every cell starts from the same table with no dead tuples.
/// </summary>
/// <remarks>
/// <c>vacuum_truncate = off</c>: a vacuum that truncates the table's empty tail takes an
/// <c>ACCESS EXCLUSIVE</c> lock, which the replicas replay and which would cancel the reads as lock
/// conflicts; without it vacuum's only effect on a replica's reads is the snapshot conflict this
/// scenario measures. <c>autovacuum_enabled = off</c>: the scenario's own vacuums are the only ones,
/// so the cycle count says how many the window had. <c>fillfactor = 100</c> (the default) so every
/// update of a full page moves the row to a new page and dead versions show in the table's size.
/// </remarks>
public static class LongReadTable
{
    /// <summary>The table's name within <see cref="SuiteSchema.Name"/>.</summary>
    public const string Name = "long_reads";

    /// <summary>The table, schema-qualified.</summary>
    public const string Qualified = SuiteSchema.Name + "." + Name;

    /// <summary>Rows in the table: each update cycle leaves this many dead row versions for vacuum.</summary>
    /// <value>10,000 rows (about 440 kB): an update of all of them takes tens of milliseconds, so a cycle per second is a light write load that still gives vacuum a full table of dead versions each time.</value>
    public const int Rows = 10_000;

    private static readonly string CreateSql = string.Create(CultureInfo.InvariantCulture, $"""
        CREATE SCHEMA IF NOT EXISTS {SuiteSchema.Name};
        DROP TABLE IF EXISTS {Qualified};
        CREATE TABLE {Qualified} (id int PRIMARY KEY, v bigint NOT NULL) WITH (vacuum_truncate = off, autovacuum_enabled = off);
        INSERT INTO {Qualified} SELECT i, 0 FROM generate_series(1, {Rows}) i;
        """);

    /// <summary>
    /// The long read: one statement that aggregates the table and keeps the snapshot it read it with
    /// for <c>$1</c> seconds (the server's <c>pg_sleep</c>), like a report query that runs that long.
    /// One statement, so a conflict cancels it (the session is never idle in a transaction, which
    /// recovery would terminate instead) and the replica reports it as the client sees it.
    /// </summary>
    public static readonly string ReadSql = $"SELECT (SELECT sum(v) FROM {Qualified}), pg_sleep($1)";

    /// <summary>Creates the table afresh on the primary, filled, vacuumed and analyzed.</summary>
    public static async Task CreateAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        await using (var command = new NpgsqlCommand(CreateSql, primary))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // Sets the hint bits and the visibility map now, so the first cycle's vacuum is like the others.
        await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {Qualified}", primary);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }
}
