namespace ReplicaBench.Routing;

/// <summary>
/// One client session (a virtual user, a request context): what session-consistent policies need
/// to remember between operations. Owned by one caller at a time; not thread-safe by design.
/// </summary>
public sealed class RoutingSession(int id)
{
    public int Id { get; } = id;

    /// <summary>
    /// The WAL position at or after this session's last acknowledged write (0: none yet). A replica
    /// whose replay LSN is at least this has applied the write (read-your-writes).
    /// </summary>
    public ulong LastWriteLsn { get; private set; }

    /// <summary>Records an acknowledged write's LSN; positions only move forward.</summary>
    public void RecordWrite(ulong lsn)
    {
        if (lsn > LastWriteLsn)
        {
            LastWriteLsn = lsn;
        }
    }
}
