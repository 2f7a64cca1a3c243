using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Workload;
using static ReplicaBench.Runs.ResultsFigures;

namespace ReplicaBench.Runs;

/// <summary>Maps a cell's staleness measurements (visibility probe, served bounds, catch-up wait) onto the contract.</summary>
internal static class StalenessMapper
{
    public static VisibilityResult Visibility(CellVisibility replica) => new()
    {
        Replica = replica.Replica,
        Samples = replica.Seen,
        MarkersPlanned = replica.MarkersPlanned,
        MarkersSent = replica.MarkersSent,
        Censored = replica.Censored,
        Timeouts = replica.Timeouts,
        TimeoutMs = Measured(replica.TimeoutMs),
        P50Ms = Measured(replica.P50?.Milliseconds),
        P50IsLowerBound = replica.P50?.IsLowerBound,
        P90Ms = Measured(replica.P90?.Milliseconds),
        P90IsLowerBound = replica.P90?.IsLowerBound,
        P99Ms = Measured(replica.P99?.Milliseconds),
        P99IsLowerBound = replica.P99?.IsLowerBound,
        MaxMs = Measured(replica.Max?.Milliseconds),
        MaxIsLowerBound = replica.Max?.IsLowerBound,
        ResolutionMs = Measured(replica.ResolutionMs),
        Polls = replica.Pace.Polls,
        PollsFarBehind = replica.Pace.FarBehind,
        MaxPollLatenessMs = Round(replica.Pace.MaxLateness.TotalMilliseconds),
        KeptUp = replica.KeptUp,
        Histogram = replica.Histogram,
        Error = replica.Error,
    };

    public static ServedStalenessResults? Served(ServedStaleness? served) => served is null
        ? null
        : new ServedStalenessResults
        {
            Reads = served.Total.Reads,
            Unbounded = served.Total.Unbounded,
            P50Ms = Measured(served.Total.P50Ms),
            P99Ms = Measured(served.Total.P99Ms),
            MaxMs = Measured(served.Total.MaxMs),
            Replicas = [.. served.Replicas.Select(r => new ServedStalenessReplica
            {
                Replica = r.Replica ?? "",
                Reads = r.Reads,
                Unbounded = r.Unbounded,
                P50Ms = Measured(r.P50Ms),
                P99Ms = Measured(r.P99Ms),
                MaxMs = Measured(r.MaxMs),
            })],
        };

    public static CatchUpResults? CatchUp(CatchUpWait? wait) => wait is null
        ? null
        : new CatchUpResults
        {
            PrimaryLsn = Lsn.Format(wait.PrimaryLsn),
            WaitedMs = Round(wait.WaitedMs),
            TimeoutMs = Round(wait.Timeout.TotalMilliseconds),
            TimedOut = wait.TimedOut,
            Behind = [.. wait.Behind],
        };
}
