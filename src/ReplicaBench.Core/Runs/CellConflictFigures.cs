using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.Runs;

/// <summary>
/// What a <c>long-reads</c> cell measured: the length of its reads, the measured window's recovery
/// conflicts as the client counted them and as the replicas did, and the primary's table before
/// and after its updates and vacuums.
/// </summary>
public sealed record CellConflictFigures(TimeSpan LongRead, ConflictCounts Client, ConflictCounts Server, ConflictWriterResult Table);
