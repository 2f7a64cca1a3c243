namespace ReplicaBench.Workload;

/// <summary>An acknowledged insert or update.</summary>
/// <param name="Key">The row written.</param>
/// <param name="Version">The row's version after the write (1 for an insert); 0 when an update found no such row.</param>
/// <param name="CommitLsn">
/// A WAL position at or after the write's commit record: a replica whose <c>pg_last_wal_replay_lsn()</c>
/// has reached it shows this version (the read-your-writes routing condition).
/// </param>
/// <param name="AcknowledgedTimestamp">
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp taken when the client had the commit's reply;
/// reads that start after it must see this version or a newer one.
/// </param>
public readonly record struct WriteResult(long Key, long Version, ulong CommitLsn, long AcknowledgedTimestamp)
{
    /// <summary>Whether a row was written (an update of a missing key writes nothing).</summary>
    public bool Applied => Version > 0;
}
