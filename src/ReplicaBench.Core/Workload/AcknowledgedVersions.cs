using System.Collections.Concurrent;

namespace ReplicaBench.Workload;

/// <summary>
/// The newest versions the clients have had acknowledged, per key, shared by every session of a run:
/// the ground truth a read is checked against. Thread-safe; recording a write and checking a read
/// take a striped lock held for a few loads and stores, and allocate nothing once a key's page
/// exists.
/// </summary>
/// <remarks>
/// <para><b>The rule.</b> Only versions acknowledged <i>before</i> the read started count: a write
/// acknowledged while the read was in flight may or may not be seen, and either is correct. A read
/// that returns version <c>s</c> of a key is <i>stale</i> when some version newer than <c>s</c> was
/// acknowledged before the read started. Its <i>age</i> is the read's start minus the earliest
/// acknowledgement among those newer versions: how long the seen version had already been
/// superseded, as far as any client could know. A row not found counts as version 0.</para>
/// <para><b>What is kept.</b> Per key, the two newest acknowledged versions with their
/// acknowledgement times (32 bytes). That is exact whenever the read saw the newest or the
/// second-newest version, or one just before that. When a replica is further behind on a key that
/// was updated three or more times, the age is computed from the older of the two kept versions and
/// is a lower bound (the truly oldest newer version was acknowledged even earlier); and in the one
/// case where both kept versions were acknowledged only after the read started, an older evicted
/// one that was acknowledged before it is not known, so the read counts as fresh. Both need the
/// same key to be written again and again within one replication lag, and both err towards
/// reporting less staleness, never more.</para>
/// <para><b>Memory.</b> Keys 1..<c>seededRows</c> live in pages of 4,096 keys, indexed by key and
/// allocated on a page's first write (a read of an untouched page is fresh and allocates nothing).
/// Inserted keys (above the seed) use pages in a dictionary keyed by page number; the keys of one
/// session are consecutive, so a page serves 4,096 inserts. Worst case 32 bytes per written key.</para>
/// <para>Only writes made in this process are known: rows seeded or written earlier count as
/// acknowledged long ago, so any version of them is fresh until this run writes them.</para>
/// </remarks>
public sealed class AcknowledgedVersions
{
    private const int PageBits = 12;
    private const int PageSize = 1 << PageBits;
    private const int StripeCount = 1024;

    private readonly long _seededRows;
    private readonly KeyHistory[]?[] _seededPages;
    private readonly ConcurrentDictionary<long, KeyHistory[]> _otherPages = new();
    private readonly Lock[] _stripes = new Lock[StripeCount];

    /// <param name="seededRows">The seeded keys 1..seededRows, which get directly indexed pages.</param>
    public AcknowledgedVersions(long seededRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seededRows);
        _seededRows = seededRows;
        _seededPages = new KeyHistory[]?[(seededRows + PageSize - 1) >> PageBits];
        for (var i = 0; i < StripeCount; i++)
        {
            _stripes[i] = new Lock();
        }
    }

    /// <summary>Records an acknowledged write (ignores writes that wrote nothing).</summary>
    public void Record(in WriteResult write)
    {
        if (write.Applied)
        {
            Record(write.Key, write.Version, write.AcknowledgedTimestamp);
        }
    }

    /// <summary>Records that <paramref name="version"/> of <paramref name="key"/> was acknowledged at <paramref name="acknowledgedTimestamp"/> (a Stopwatch timestamp).</summary>
    public void Record(long key, long version, long acknowledgedTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var page = PageFor(key, create: true)!;
        ref var history = ref page[(int)(key & (PageSize - 1))];
        lock (StripeFor(key))
        {
            history.Add(version, acknowledgedTimestamp);
        }
    }

    /// <summary>
    /// Judges a read of <paramref name="key"/> that returned <paramref name="seenVersion"/> (0 when
    /// not found) and started at <paramref name="readStartTimestamp"/> (a Stopwatch timestamp taken
    /// before the query was sent).
    /// </summary>
    public ReadFreshness Check(long key, long seenVersion, long readStartTimestamp)
    {
        var page = PageFor(key, create: false);
        if (page is null)
        {
            return ReadFreshness.Fresh;
        }

        KeyHistory history;
        lock (StripeFor(key))
        {
            history = page[(int)(key & (PageSize - 1))];
        }

        var supersededSince = long.MaxValue;
        if (history.LatestVersion > seenVersion && history.LatestAcknowledged < readStartTimestamp)
        {
            supersededSince = history.LatestAcknowledged;
        }

        if (history.PreviousVersion > seenVersion && history.PreviousAcknowledged < readStartTimestamp)
        {
            supersededSince = Math.Min(supersededSince, history.PreviousAcknowledged);
        }

        return supersededSince == long.MaxValue
            ? ReadFreshness.Fresh
            : new ReadFreshness(true, readStartTimestamp - supersededSince);
    }

    /// <summary>The newest version acknowledged for <paramref name="key"/> in this process (0: none).</summary>
    public long LatestVersion(long key)
    {
        var page = PageFor(key, create: false);
        if (page is null)
        {
            return 0;
        }

        lock (StripeFor(key))
        {
            return page[(int)(key & (PageSize - 1))].LatestVersion;
        }
    }

    private Lock StripeFor(long key) => _stripes[(int)(key & (StripeCount - 1))];

    private KeyHistory[]? PageFor(long key, bool create)
    {
        if (key >= 1 && key <= _seededRows)
        {
            ref var slot = ref _seededPages[(key - 1) >> PageBits];
            var page = Volatile.Read(ref slot);
            if (page is null && create)
            {
                Interlocked.CompareExchange(ref slot, new KeyHistory[PageSize], null);
                page = Volatile.Read(ref slot);
            }

            return page;
        }

        var number = key >> PageBits;
        if (_otherPages.TryGetValue(number, out var other))
        {
            return other;
        }

        return create ? _otherPages.GetOrAdd(number, static _ => new KeyHistory[PageSize]) : null;
    }

    /// <summary>The two newest acknowledged versions of one key (0 = none).</summary>
    private struct KeyHistory
    {
        public long LatestVersion;
        public long LatestAcknowledged;
        public long PreviousVersion;
        public long PreviousAcknowledged;

        public void Add(long version, long acknowledged)
        {
            if (version > LatestVersion)
            {
                PreviousVersion = LatestVersion;
                PreviousAcknowledged = LatestAcknowledged;
                LatestVersion = version;
                LatestAcknowledged = acknowledged;
            }
            else if (version == LatestVersion)
            {
                LatestAcknowledged = Math.Min(LatestAcknowledged, acknowledged);
            }
            else if (version > PreviousVersion)
            {
                // A late acknowledgement of an older version (two sessions updated the key at once).
                PreviousVersion = version;
                PreviousAcknowledged = acknowledged;
            }
            else if (version == PreviousVersion)
            {
                PreviousAcknowledged = Math.Min(PreviousAcknowledged, acknowledged);
            }
        }
    }
}
