using ReplicaBench.Measurement.Conflicts;

namespace ReplicaBench.Workload.LongReads;

/// <summary>
/// The error kinds a cancelled long read is counted under, <c>recovery-conflict-&lt;kind&gt;</c>, and
/// the way back from a cell's errors by kind to client conflict counts. Fixed strings: no error
/// text (whose detail could carry data) ever becomes a kind.
/// </summary>
public static class ConflictErrorKinds
{
    /// <summary>What every kind name starts with.</summary>
    public const string Prefix = "recovery-conflict-";

    private static readonly string[] Names = [.. Enum.GetValues<ConflictKind>().Select(k => Prefix + KindName(k))];

    /// <summary>The error kind of a read cancelled for <paramref name="kind"/>, e.g. <c>recovery-conflict-snapshot</c>.</summary>
    public static string Of(ConflictKind kind) => Names[(int)kind];

    /// <summary>The kind as results.json spells it: snapshot, lock, bufferpin, deadlock, tablespace, other.</summary>
    public static string KindName(ConflictKind kind) => kind switch
    {
        ConflictKind.Snapshot => "snapshot",
        ConflictKind.Lock => "lock",
        ConflictKind.BufferPin => "bufferpin",
        ConflictKind.Deadlock => "deadlock",
        ConflictKind.Tablespace => "tablespace",
        _ => "other",
    };

    /// <summary>The client's conflicts in a set of errors by kind: the <c>recovery-conflict-&lt;kind&gt;</c> entries.</summary>
    public static ConflictCounts CountIn(IReadOnlyDictionary<string, long> errorsByKind)
    {
        ArgumentNullException.ThrowIfNull(errorsByKind);
        long Count(ConflictKind kind) => errorsByKind.TryGetValue(Of(kind), out var n) ? n : 0;
        return new ConflictCounts(
            Count(ConflictKind.Snapshot), Count(ConflictKind.Lock), Count(ConflictKind.BufferPin), Count(ConflictKind.Deadlock), Count(ConflictKind.Tablespace), Count(ConflictKind.Other));
    }
}
