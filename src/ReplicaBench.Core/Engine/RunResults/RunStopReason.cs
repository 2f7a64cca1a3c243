namespace ReplicaBench.Engine.RunResults;

/// <summary>Why a run ended.</summary>
public enum RunStopReason
{
    /// <summary>It ran its full warm-up and duration.</summary>
    Completed,

    /// <summary>It was cancelled (Ctrl+C, SIGTERM, a caller's token): the result holds what was measured until then.</summary>
    Cancelled,
}
