using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The wait, before a cell's warm-up, for every replica to replay what the primary had written: the backlog the previous cell left.</summary>
[Description("Before the warm-up: the wait for every replica to replay the primary's current WAL LSN; null when no wait ran (no replicas).")]
public sealed record CatchUpResults
{
    [Description("The primary's pg_current_wal_lsn() when the wait began: what every replica had to replay.")]
    public string PrimaryLsn { get; init; } = "";

    [Description("How long the wait took (or ran until it gave up), ms.")]
    public double WaitedMs { get; init; }

    [Description("How long the wait was allowed, ms.")]
    public double TimeoutMs { get; init; }

    [Description("True when some replica had not caught up by the timeout: the cell started with that backlog.")]
    public bool TimedOut { get; init; }

    [Description("Replicas that had not caught up when the wait gave up.")]
    public IReadOnlyList<string> Behind { get; init => field = value ?? []; } = [];
}
