using System.Globalization;

namespace ReplicaBench.Workload;

/// <summary>
/// How long the replicas took to replay everything the primary had written when the wait began
/// (see <see cref="ReplicationCatchUp"/>): in a load matrix, the backlog one cell left for the next.
/// </summary>
/// <param name="PrimaryLsn">The primary's <c>pg_current_wal_lsn()</c> at the start of the wait: what every replica had to replay.</param>
/// <param name="Waited">From the start of the wait until every replica had replayed it, or until the wait gave up.</param>
/// <param name="Timeout">How long the wait was allowed to take.</param>
/// <param name="Behind">Replicas that had not replayed it when the wait gave up (with why, if one could not be asked); empty when all had.</param>
public sealed record CatchUpWait(ulong PrimaryLsn, TimeSpan Waited, TimeSpan Timeout, IReadOnlyList<string> Behind)
{
    /// <summary>The wait gave up before every replica had caught up.</summary>
    public bool TimedOut => Behind.Count > 0;

    public double WaitedMs => Waited.TotalMilliseconds;

    /// <summary>One line for the progress output when the wait gave up, else null.</summary>
    public string? Warning => TimedOut
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"warning: {string.Join(", ", Behind)} had not replayed the primary's WAL (up to {Routing.Lsn.Format(PrimaryLsn)}) after {Timeout.TotalSeconds:0.#}s; the next cell starts with that backlog.")
        : null;
}
