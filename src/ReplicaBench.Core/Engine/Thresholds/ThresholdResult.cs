namespace ReplicaBench.Engine.Thresholds;

/// <summary>
/// A threshold checked against a run: whether it held, the measured value (null when there was
/// nothing to measure, which counts as a breach) and a one-line explanation such as
/// <c>point-read.p99 = 7.2ms, limit &lt; 5ms: breached</c>.
/// </summary>
public sealed record ThresholdResult(Threshold Threshold, bool Passed, double? Actual, string ActualText)
{
    public string Message =>
        $"{Threshold.Text}: measured {ActualText}, limit {Threshold.DescribeLimit()}: {(Passed ? "met" : "breached")}";

    public override string ToString() => Message;
}
