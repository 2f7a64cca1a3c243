namespace ReplicaBench.Workload;

/// <summary>
/// The four things a bench virtual user does, mirroring the read-heavy applications that put read
/// replicas in front of PostgreSQL: look a row up by key, list a few rows, create a row, change a row.
/// </summary>
public enum WorkloadOperation
{
    /// <summary>One row by primary key: <c>SELECT version ... WHERE id = $1</c> (what <c>pgbench -S</c> does).</summary>
    PointRead,

    /// <summary>A short ordered slice: the next ten rows from a key (a top-N page).</summary>
    RangeRead,

    /// <summary>A new row under a key only this session uses, so inserts never conflict.</summary>
    Insert,

    /// <summary>Bumps an existing row's version and write time.</summary>
    Update,
}
