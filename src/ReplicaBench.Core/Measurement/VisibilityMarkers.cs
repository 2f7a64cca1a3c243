using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement;

/// <summary>
/// The probe's marker table, <c>replicabench.visibility_markers</c>, inside the suite's own schema
/// (<see cref="SuiteSchema.Name"/>): created if missing, never dropped (other suite tables live in
/// that schema), and each run deletes its own markers when it ends.
/// </summary>
internal static class VisibilityMarkers
{
    public const string Table = SuiteSchema.Name + ".visibility_markers";

    /// <summary>The marker row: the run's random id and the marker's number, plus when it was written
    /// (server clock, only to clean up after runs that crashed before deleting their markers).</summary>
    public const string CreateSql = $"""
        CREATE SCHEMA IF NOT EXISTS {SuiteSchema.Name};
        CREATE TABLE IF NOT EXISTS {Table} (
            run_id bigint NOT NULL,
            seq integer NOT NULL,
            written_at timestamptz NOT NULL DEFAULT clock_timestamp(),
            PRIMARY KEY (run_id, seq))
        """;

    public const string InsertSql = $"INSERT INTO {Table} (run_id, seq) VALUES ($1, $2)";

    /// <summary>The highest marker of the run a replica can see. Markers commit one after another from
    /// one session and replicas replay in commit order, so all markers up to it are visible too.</summary>
    public const string HighestVisibleSql = $"SELECT coalesce(max(seq), 0) FROM {Table} WHERE run_id = $1";

    /// <summary>The replica's <c>recovery_min_apply_delay</c> in ms as the server has it now (it can be
    /// changed at runtime, so topology.json may be out of date).</summary>
    public const string ApplyDelaySql = "SELECT setting::double precision FROM pg_settings WHERE name = 'recovery_min_apply_delay'";

    public const string TableVisibleSql = $"SELECT to_regclass('{Table}') IS NOT NULL";

    /// <summary>This run's markers, and any an interrupted run left behind more than an hour ago.</summary>
    public const string DeleteSql = $"DELETE FROM {Table} WHERE run_id = $1 OR written_at < now() - interval '1 hour'";

    /// <summary>Creates the schema and table if missing; tolerates another process doing the same at once.</summary>
    public static async Task EnsureAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var command = new NpgsqlCommand(CreateSql, primary);
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (attempt < 3 && ex.SqlState is PostgresErrorCodes.UniqueViolation
                or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateSchema)
            {
                // Concurrent CREATE ... IF NOT EXISTS can collide in the catalogs; the other one won.
            }
        }
    }
}
