using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>What one operation type (point-read, update, a script, ...) did in a cell's measured window.</summary>
public sealed record OperationTypeResults
{
    [Description("Operation name as in the mix, e.g. point-read.")]
    public string Operation { get; init; } = "";

    [Description("Successful operations.")]
    public long Count { get; init; }

    [Description("Failed operations.")]
    public long Errors { get; init; }

    [Description("Reads of this type whose staleness was checked.")]
    public long? StaleChecked { get; init; }

    [Description("Stale reads among them; 0 for writes.")]
    public long StaleReads { get; init; }

    [Description("Reads of this type of the session's own writes (the read-your-writes check).")]
    public long? ReadYourWritesChecked { get; init; }

    [Description("Read-your-writes violations among them.")]
    public long? ReadYourWritesViolations { get; init; }

    [Description("Latency of its successful operations.")]
    public LatencyPercentiles LatencyMs { get; init => field = value ?? new(); } = new();
}
