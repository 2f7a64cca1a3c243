using System.Globalization;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Workload;

/// <summary>
/// The read-only counterpart of <see cref="WorkloadSeeder"/>: on a topology that allows no writes
/// (an external one brought up without <c>--allow-writes</c>, as a nightly job against production
/// replicas should be), the suite may not create or fill its table, so it checks with reads alone
/// that the table is already there holding exactly keys 1..N, as <c>replicabench external prepare</c>
/// left it. Anything else is refused before any load, with the command that fixes it.
/// </summary>
public static class PreparedTable
{
    /// <summary>Throws <see cref="BadInputException"/> unless the primary's bench table holds exactly keys 1..<paramref name="rows"/>.</summary>
    public static async Task VerifyAsync(NpgsqlConnection primary, string primaryName, long rows, CancellationToken cancellationToken)
    {
        // From the catalog, which every role may read: whether the table exists, and whether this role may read it.
        await using var exists = new NpgsqlCommand(
            $"SELECT c.oid IS NOT NULL, coalesce(has_schema_privilege(c.relnamespace, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'), false), current_user::text "
            + $"FROM (SELECT 1) one LEFT JOIN pg_class c ON c.relname = '{WorkloadSchema.ItemsTableName}' AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = '{SuiteSchema.Name}')",
            primary);
        bool found, readable;
        string role;
        await using (var facts = await exists.ExecuteReaderAsync(cancellationToken))
        {
            await facts.ReadAsync(cancellationToken);
            (found, readable, role) = (facts.GetBoolean(0), facts.GetBoolean(1), facts.GetString(2));
        }

        if (found && !readable)
        {
            throw new BadInputException(
                $"role {role} may not read {WorkloadSchema.ItemsTable} on {primaryName}; as the RDS master user run GRANT pg_read_all_data TO {role} (with GRANT pg_monitor TO {role} for the lag figures), or GRANT USAGE ON SCHEMA {SuiteSchema.Name} and SELECT ON {WorkloadSchema.ItemsTable} to it.");
        }

        if (!found)
        {
            throw new BadInputException(
                $"the suite's table {WorkloadSchema.ItemsTable} is not on {primaryName}, and this topology allows no writes to create it; create it once with 'replicabench external prepare --allow-writes' (as a role that may create schema {SuiteSchema.Name}), or run your own read scripts with --script and --no-seed.");
        }

        await using var range = new NpgsqlCommand($"SELECT coalesce(min(id), 0), coalesce(max(id), 0), count(*) FROM {WorkloadSchema.ItemsTable}", primary);
        await using var reader = await range.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var (min, max, count) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        if (min == 1 && max == rows && count == rows)
        {
            return;
        }

        throw new BadInputException(min == 1 && max == count
            ? string.Create(CultureInfo.InvariantCulture, $"{WorkloadSchema.ItemsTable} on {primaryName} was prepared with {count} rows, not the {rows} asked for, and this topology allows no writes to reseed it; give --seed-rows {count}, or prepare it again with 'replicabench external prepare --allow-writes --seed-rows {rows}'.")
            : string.Create(CultureInfo.InvariantCulture, $"{WorkloadSchema.ItemsTable} on {primaryName} does not hold keys 1..{rows} (it has {count} rows, keys {min}..{max}: a run with writes changed it), and this topology allows no writes to reseed it; prepare it again with 'replicabench external prepare --allow-writes --seed-rows {rows}'."));
    }
}
