namespace ReplicaBench.Workload;

/// <summary>What <see cref="WorkloadSeeder.SeedAsync"/> did.</summary>
/// <param name="Rows">Seeded keys: the table holds exactly keys 1..Rows afterwards.</param>
/// <param name="Copied">True when the rows were (re)written; false when the table already held exactly these keys.</param>
/// <param name="Elapsed">Wall time of the whole call (schema check, truncate, COPY, commit, ANALYZE).</param>
/// <param name="Lsn">The primary's WAL position after seeding: wait for a replica to replay this before loading it.</param>
public readonly record struct SeedResult(long Rows, bool Copied, TimeSpan Elapsed, ulong Lsn)
{
    /// <summary>Seeding speed over the whole call (0 when nothing was copied).</summary>
    public double RowsPerSecond => Copied && Elapsed > TimeSpan.Zero ? Rows / Elapsed.TotalSeconds : 0;
}
