using Npgsql;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// pgbench's <c>:scale</c> when no <c>--define scale=N</c> gives it: the row count of
/// <c>pgbench_branches</c> (one branch per unit of scale, as <c>pgbench -i -s N</c> creates them),
/// the way pgbench itself finds the scale of a database it did not initialise; 1 without that table.
/// </summary>
public static class ScriptScale
{
    public static async Task<long> MeasureAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('pgbench_branches') IS NOT NULL", primary))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 1;
            }
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pgbench_branches", primary);
        var branches = await count.ExecuteScalarAsync(cancellationToken) is long rows ? rows : 0;
        return Math.Max(1, branches);
    }
}
