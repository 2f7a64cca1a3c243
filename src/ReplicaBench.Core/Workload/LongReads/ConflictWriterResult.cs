using ReplicaBench.Measurement.Conflicts;

namespace ReplicaBench.Workload.LongReads;

/// <summary>What the primary's updates and vacuums did to the table: before the first cycle, after the last, and how many ran.</summary>
public sealed record ConflictWriterResult(TableBloat Before, TableBloat After, int Cycles);
