namespace ReplicaBench.Workload;

/// <summary>
/// One session's memory of its own acknowledged writes (key → version), to count read-your-writes
/// violations: the session reads a key it wrote and gets an older version (or no row after its own
/// insert). This is the anomaly users notice first when reads move to a replica — "I saved it and it
/// is gone". Owned by one session; not thread-safe by design.
/// </summary>
/// <remarks>
/// Memory is bounded: the tracker remembers the last <see cref="Capacity"/> distinct writes and
/// forgets the oldest first (a ring beside a dictionary, both sized up front, so recording allocates
/// nothing after warm-up). A violation against a write older than that is not counted here — by then
/// it would be minutes of lag at any realistic write rate — though the shared
/// <see cref="AcknowledgedVersions"/> still counts the read as stale.
/// </remarks>
public sealed class ReadYourWritesTracker
{
    /// <summary>Writes remembered per session unless told otherwise.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Dictionary<long, long> _versions;
    private readonly (long Key, long Version)[] _order;
    private int _next;
    private int _count;

    public ReadYourWritesTracker(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _versions = new Dictionary<long, long>(capacity);
        _order = new (long, long)[capacity];
    }

    public int Capacity { get; }

    /// <summary>Reads this session made of keys it had written (and still remembers).</summary>
    public long ReadsOfOwnWrites { get; private set; }

    /// <summary>Of those, reads that returned an older version than the session's own write.</summary>
    public long Violations { get; private set; }

    /// <summary>The version this session last had acknowledged for <paramref name="key"/> (0: none remembered).</summary>
    public long OwnVersion(long key) => _versions.GetValueOrDefault(key);

    /// <summary>Remembers an acknowledged write of this session (ignores writes that wrote nothing).</summary>
    public void RecordWrite(in WriteResult write)
    {
        if (write.Applied)
        {
            RecordWrite(write.Key, write.Version);
        }
    }

    /// <summary>Remembers that this session had <paramref name="version"/> of <paramref name="key"/> acknowledged.</summary>
    public void RecordWrite(long key, long version)
    {
        if (_versions.TryGetValue(key, out var known) && known >= version)
        {
            return;
        }

        if (_count == Capacity)
        {
            var (oldKey, oldVersion) = _order[_next];
            if (_versions.TryGetValue(oldKey, out var current) && current == oldVersion)
            {
                _versions.Remove(oldKey);
            }
        }
        else
        {
            _count++;
        }

        _versions[key] = version;
        _order[_next] = (key, version);
        _next = (_next + 1) % Capacity;
    }

    /// <summary>
    /// Checks a read of <paramref name="key"/> by this session that returned <paramref name="seenVersion"/>
    /// (0 when not found): whether the key is one of the session's own writes and, if so, whether the
    /// read kept or violated read-your-writes (both counted).
    /// </summary>
    public ReadYourWritesCheck CheckRead(long key, long seenVersion)
    {
        if (!_versions.TryGetValue(key, out var own))
        {
            return ReadYourWritesCheck.NotOwnWrite;
        }

        ReadsOfOwnWrites++;
        if (seenVersion >= own)
        {
            return ReadYourWritesCheck.Kept;
        }

        Violations++;
        return ReadYourWritesCheck.Violated;
    }
}
