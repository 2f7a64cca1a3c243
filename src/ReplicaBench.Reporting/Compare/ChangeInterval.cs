namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The 95% confidence interval of a relative change (candidate / baseline − 1): −0.1 is 10% lower.
/// <see cref="High"/> may be +∞ (a rate that was zero in the baseline).
/// </summary>
public sealed record ChangeInterval(double Low, double High)
{
    /// <summary>The confidence of every interval compare reports.</summary>
    public const double Confidence = 0.95;

    /// <summary>The two-sided normal critical value for <see cref="Confidence"/>.</summary>
    public const double Z = 1.959963984540054;

    /// <summary>True when the whole interval lies on one side of no change: the change is beyond the noise.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;

    /// <summary>From an interval of the log ratio.</summary>
    public static ChangeInterval FromLogRatio(double low, double high) => new(Math.Exp(low) - 1, Math.Exp(high) - 1);
}
