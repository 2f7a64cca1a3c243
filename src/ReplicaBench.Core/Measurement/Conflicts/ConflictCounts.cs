namespace ReplicaBench.Measurement.Conflicts;

/// <summary>Recovery conflicts by kind over some window: as a client saw them, or as a replica's <c>pg_stat_database_conflicts</c> counted them.</summary>
public sealed record ConflictCounts(long Snapshot, long Lock, long BufferPin, long Deadlock, long Tablespace, long Other)
{
    public static ConflictCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public long Total => Snapshot + Lock + BufferPin + Deadlock + Tablespace + Other;

    /// <summary>These counts with one more of <paramref name="kind"/>.</summary>
    public ConflictCounts With(ConflictKind kind) => kind switch
    {
        ConflictKind.Snapshot => this with { Snapshot = Snapshot + 1 },
        ConflictKind.Lock => this with { Lock = Lock + 1 },
        ConflictKind.BufferPin => this with { BufferPin = BufferPin + 1 },
        ConflictKind.Deadlock => this with { Deadlock = Deadlock + 1 },
        ConflictKind.Tablespace => this with { Tablespace = Tablespace + 1 },
        _ => this with { Other = Other + 1 },
    };

    /// <summary>The counts since <paramref name="earlier"/>: how a cumulative counter becomes a window's.</summary>
    public ConflictCounts Since(ConflictCounts earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Snapshot - earlier.Snapshot, Lock - earlier.Lock, BufferPin - earlier.BufferPin, Deadlock - earlier.Deadlock, Tablespace - earlier.Tablespace, Other - earlier.Other);
    }

    /// <summary>Both sets added (several replicas, several clients).</summary>
    public ConflictCounts Plus(ConflictCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Snapshot + other.Snapshot, Lock + other.Lock, BufferPin + other.BufferPin, Deadlock + other.Deadlock, Tablespace + other.Tablespace, Other + other.Other);
    }
}
