using ReplicaBench.Engine;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Topology.Faults;
using ReplicaBench.Workload.VirtualUsers;

namespace ReplicaBench.Runs.Faults;

/// <summary>
/// Watches a cell's operations through the router (<see cref="IRoutingObserver"/>) and files each
/// under the fault window it fell in: first and last error, errors by kind, redirected reads, and
/// for a failover the first write that succeeded on the new primary. Windows open in schedule order
/// as the faults begin; an event belongs to the last window opened at or before its timestamp.
/// </summary>
/// <remarks>
/// The success path is what every operation pays: a fallback read costs a short scan of the windows
/// and two interlocked increments; any other success a volatile read or two. Failures take a lock
/// per window (they are the rare path, and a timestamp pair must move together).
/// </remarks>
internal sealed class FaultWindowTracker : IRoutingObserver
{
    private static readonly int Kinds = Enum.GetValues<OperationFailureKind>().Length;

    private readonly Window[] _windows;
    private int _begun;
    private long _writesWatchedFrom;
    private long _firstWriteAfterPromotion;

    public FaultWindowTracker(int faults)
    {
        _windows = [.. Enumerable.Range(0, faults).Select(_ => new Window())];
    }

    /// <summary>Fault <paramref name="index"/> begins now: later events belong to its window.</summary>
    public void Begin(int index, long timestamp)
    {
        _windows[index].Started = timestamp;
        Volatile.Write(ref _begun, index + 1);
    }

    /// <summary>Fault <paramref name="index"/>'s action finished (or failed with <paramref name="error"/>); the first report counts.</summary>
    public void Complete(int index, long timestamp, string? error)
    {
        if (_windows[index].Completed != 0)
        {
            return;
        }

        _windows[index].Completed = timestamp;
        _windows[index].Error = error;
    }

    /// <summary>The failover of window <paramref name="index"/> promoted <paramref name="node"/>: the first write succeeding from now on ends write unavailability.</summary>
    public void Promoted(int index, string node, long timestamp)
    {
        _windows[index].Promoted = node;
        Volatile.Write(ref _writesWatchedFrom, timestamp);
    }

    /// <summary>What the failover of window <paramref name="index"/> left behind.</summary>
    public void FailedOver(int index, FailoverResult result) => _windows[index].LeftOut = result.LeftOut;

    public void Served(OperationKind kind, in RoutingDecision decision, long timestamp)
    {
        if (kind == OperationKind.Write)
        {
            var from = Volatile.Read(ref _writesWatchedFrom);
            if (from != 0 && timestamp >= from && Volatile.Read(ref _firstWriteAfterPromotion) == 0)
            {
                Interlocked.CompareExchange(ref _firstWriteAfterPromotion, timestamp, 0);
            }

            return;
        }

        if (decision.IsFallback && WindowAt(timestamp) is { } window)
        {
            Interlocked.Increment(ref window.Redirected);
            if (decision.ChosenNode == RoutingDecision.PrimaryNode)
            {
                Interlocked.Increment(ref window.RedirectedToPrimary);
            }
        }
    }

    public void Failed(in OperationFailure failure, long timestamp)
    {
        // Operations cancelled at the end of the run are not the fault's doing.
        if (failure.Kind == OperationFailureKind.Canceled || WindowAt(timestamp) is not { } window)
        {
            return;
        }

        lock (window)
        {
            window.FirstError = window.Errors == 0 ? timestamp : Math.Min(window.FirstError, timestamp);
            window.LastError = Math.Max(window.LastError, timestamp);
            window.Errors++;
            window.ErrorsByKind[(int)failure.Kind]++;
        }
    }

    /// <summary>
    /// The windows as the contract's results (figures rounded, unmeasured ones null): <paramref name="secondsOf"/> turns a timestamp into seconds into the
    /// measured window; <paramref name="series"/> is the cell's measured series on that axis.
    /// </summary>
    public IReadOnlyList<FaultResult> Build(FaultSchedule schedule, IReadOnlyList<SeriesSecond> series, Func<long, double> secondsOf)
    {
        var faults = schedule.Faults;
        var preFault = faults.Count == 0 ? null : FaultWindowAnalysis.PreFaultThroughput(series, faults[0].At.TotalSeconds);
        var windows = new List<FaultResult>(faults.Count);
        for (var i = 0; i < faults.Count; i++)
        {
            var state = _windows[i];
            var begun = state.Started != 0;
            var at = begun ? secondsOf(state.Started) : faults[i].At.TotalSeconds;
            var end = i + 1 < faults.Count && _windows[i + 1].Started != 0 ? secondsOf(_windows[i + 1].Started) : double.PositiveInfinity;
            var throughput = begun ? FaultWindowAnalysis.Analyse(series, preFault, at, end) : default;
            long errors;
            long[] byKind;
            long first, last;
            lock (state)
            {
                (errors, first, last, byKind) = (state.Errors, state.FirstError, state.LastError, [.. state.ErrorsByKind]);
            }

            var firstWrite = Volatile.Read(ref _firstWriteAfterPromotion);
            windows.Add(new FaultResult
            {
                Kind = faults[i].Kind.Name(),
                Node = faults[i].Node,
                At = ResultsFigures.Round(faults[i].At.TotalSeconds),
                StartedAt = begun ? ResultsFigures.Measured(at) : null,
                CompletedAt = state.Completed != 0 ? ResultsFigures.Measured(secondsOf(state.Completed)) : null,
                Error = state.Error,
                FirstErrorAt = errors > 0 ? ResultsFigures.Measured(secondsOf(first)) : null,
                LastErrorAt = errors > 0 ? ResultsFigures.Measured(secondsOf(last)) : null,
                Errors = errors,
                ErrorsByKind = ResultsFigures.Sorted(Enum.GetValues<OperationFailureKind>()
                    .Where(k => byKind[(int)k] > 0)
                    .ToDictionary(k => WorkloadVirtualUser.ErrorKindName(k), k => byKind[(int)k], StringComparer.Ordinal)),
                PreFaultThroughput = ResultsFigures.Measured(preFault),
                LowestThroughput = ResultsFigures.Measured(throughput.Lowest),
                RecoveryMs = ResultsFigures.Measured(throughput.RecoveryMs),
                ReadsRedirected = Volatile.Read(ref state.Redirected),
                ReadsRedirectedToPrimary = Volatile.Read(ref state.RedirectedToPrimary),
                StaleReads = throughput.StaleReads,
                WriteUnavailableMs = faults[i].Kind == FaultKind.Failover && begun && firstWrite != 0
                    ? ResultsFigures.Measured(Math.Max(0, (secondsOf(firstWrite) - at) * 1000))
                    : null,
                Promoted = state.Promoted,
                LeftOut = [.. state.LeftOut],
            });
        }

        return windows;
    }

    private Window? WindowAt(long timestamp)
    {
        for (var i = Volatile.Read(ref _begun) - 1; i >= 0; i--)
        {
            if (timestamp >= _windows[i].Started)
            {
                return _windows[i];
            }
        }

        return null;
    }

    private sealed class Window
    {
        public readonly long[] ErrorsByKind = new long[Kinds];
        public long Started;
        public long Completed;
        public string? Error;
        public long FirstError;
        public long LastError;
        public long Errors;
        public long Redirected;
        public long RedirectedToPrimary;
        public string? Promoted;
        public IReadOnlyList<string> LeftOut = [];
    }
}
