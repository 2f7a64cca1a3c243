using ReplicaBench.Results;
using ReplicaBench.Runs.Faults;

namespace ReplicaBench.Runs;

/// <summary>Maps a cell's fault windows onto the contract's <see cref="FaultResult"/>.</summary>
internal static class FaultResults
{
    public static IReadOnlyList<FaultResult> From(IReadOnlyList<FaultWindow>? faults) =>
        faults is null ? [] : [.. faults.Select(From)];

    private static FaultResult From(FaultWindow window) => new()
    {
        Kind = window.Fault.Kind.Name(),
        Node = window.Fault.Node,
        At = ResultsFigures.Round(window.Fault.At.TotalSeconds),
        StartedAt = ResultsFigures.Measured(window.StartedAt),
        CompletedAt = ResultsFigures.Measured(window.CompletedAt),
        Error = window.Error,
        FirstErrorAt = ResultsFigures.Measured(window.FirstErrorAt),
        LastErrorAt = ResultsFigures.Measured(window.LastErrorAt),
        Errors = window.Errors,
        ErrorsByKind = ResultsFigures.Sorted(window.ErrorsByKind),
        PreFaultThroughput = ResultsFigures.Measured(window.PreFaultThroughput),
        LowestThroughput = ResultsFigures.Measured(window.LowestThroughput),
        RecoveryMs = ResultsFigures.Measured(window.RecoveryMs),
        ReadsRedirected = window.ReadsRedirected,
        ReadsRedirectedToPrimary = window.ReadsRedirectedToPrimary,
        StaleReads = window.StaleReads,
        WriteUnavailableMs = ResultsFigures.Measured(window.WriteUnavailableMs),
        Promoted = window.Promoted,
        LeftOut = [.. window.LeftOut],
    };
}
