using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Results;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.Runs;

/// <summary>Maps a <c>long-reads</c> cell's <see cref="CellConflictFigures"/> onto the contract: <c>conflicts</c> and <c>primaryTable</c>.</summary>
internal static class ConflictResultsMapper
{
    public static ConflictResults? Conflicts(CellConflictFigures? figures) => figures is null
        ? null
        : new ConflictResults { Client = Counts(figures.Client), Server = Counts(figures.Server) };

    public static PrimaryTableResults? PrimaryTable(CellConflictFigures? figures) => figures is null
        ? null
        : new PrimaryTableResults
        {
            Table = LongReadTable.Qualified,
            DeadTuplesBefore = figures.Table.Before.DeadTuples,
            DeadTuplesAfter = figures.Table.After.DeadTuples,
            SizeBytesBefore = figures.Table.Before.SizeBytes,
            SizeBytesAfter = figures.Table.After.SizeBytes,
            Cycles = figures.Table.Cycles,
        };

    private static ConflictKindCounts Counts(ConflictCounts counts) => new()
    {
        Snapshot = counts.Snapshot,
        Lock = counts.Lock,
        Bufferpin = counts.BufferPin,
        Deadlock = counts.Deadlock,
        Tablespace = counts.Tablespace,
        Other = counts.Other,
    };
}
