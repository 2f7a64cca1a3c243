namespace ReplicaBench.Engine.Thresholds;

/// <summary>The unit a threshold's limit is written in.</summary>
public enum ThresholdLimitKind
{
    /// <summary>Microseconds (written as a duration: <c>5ms</c>, <c>250us</c>).</summary>
    Microseconds,

    /// <summary>A share between 0 and 1 (written as a percentage: <c>0.1%</c>).</summary>
    Ratio,

    /// <summary>A number of operations (written as an integer: <c>10</c>).</summary>
    Count,

    /// <summary>Operations per second (written <c>1000/s</c>).</summary>
    PerSecond,
}
