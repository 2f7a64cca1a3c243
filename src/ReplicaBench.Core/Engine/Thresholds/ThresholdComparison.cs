namespace ReplicaBench.Engine.Thresholds;

/// <summary>How the measured value must relate to the limit for the threshold to hold.</summary>
public enum ThresholdComparison
{
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}
