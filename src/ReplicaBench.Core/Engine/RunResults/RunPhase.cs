namespace ReplicaBench.Engine.RunResults;

/// <summary>Which part of the run an interval belongs to. Warm-up intervals are reported but not counted.</summary>
public enum RunPhase
{
    WarmUp,
    Measurement,
}
