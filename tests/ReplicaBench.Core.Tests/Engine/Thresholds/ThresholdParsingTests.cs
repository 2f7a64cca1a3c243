using ReplicaBench.Engine.Thresholds;

namespace ReplicaBench.Tests.Engine.Thresholds;

public sealed class ThresholdParsingTests
{
    [Theory]
    [InlineData("p99<5ms", null, ThresholdMetric.P99, ThresholdComparison.LessThan, 5000, ThresholdLimitKind.Microseconds)]
    [InlineData("p95<=10ms", null, ThresholdMetric.P95, ThresholdComparison.LessThanOrEqual, 10000, ThresholdLimitKind.Microseconds)]
    [InlineData(" p99.9 < 250us ", null, ThresholdMetric.P999, ThresholdComparison.LessThan, 250, ThresholdLimitKind.Microseconds)]
    [InlineData("P999<1.5s", null, ThresholdMetric.P999, ThresholdComparison.LessThan, 1500000, ThresholdLimitKind.Microseconds)]
    [InlineData("max<1s", null, ThresholdMetric.Max, ThresholdComparison.LessThan, 1000000, ThresholdLimitKind.Microseconds)]
    [InlineData("errors<0.1%", null, ThresholdMetric.Errors, ThresholdComparison.LessThan, 0.001, ThresholdLimitKind.Ratio)]
    [InlineData("errors<10", null, ThresholdMetric.Errors, ThresholdComparison.LessThan, 10, ThresholdLimitKind.Count)]
    [InlineData("stale-reads<1%", null, ThresholdMetric.StaleReads, ThresholdComparison.LessThan, 0.01, ThresholdLimitKind.Ratio)]
    [InlineData("ryw-violations<=0", null, ThresholdMetric.ReadYourWritesViolations, ThresholdComparison.LessThanOrEqual, 0, ThresholdLimitKind.Count)]
    [InlineData("throughput>1000/s", null, ThresholdMetric.Throughput, ThresholdComparison.GreaterThan, 1000, ThresholdLimitKind.PerSecond)]
    [InlineData("throughput>=250", null, ThresholdMetric.Throughput, ThresholdComparison.GreaterThanOrEqual, 250, ThresholdLimitKind.PerSecond)]
    [InlineData("dropped<1%", null, ThresholdMetric.Dropped, ThresholdComparison.LessThan, 0.01, ThresholdLimitKind.Ratio)]
    [InlineData("point-read.p99<2ms", "point-read", ThresholdMetric.P99, ThresholdComparison.LessThan, 2000, ThresholdLimitKind.Microseconds)]
    [InlineData("point-read.p99.9<2ms", "point-read", ThresholdMetric.P999, ThresholdComparison.LessThan, 2000, ThresholdLimitKind.Microseconds)]
    [InlineData("replica1.stale-reads<5%", "replica1", ThresholdMetric.StaleReads, ThresholdComparison.LessThan, 0.05, ThresholdLimitKind.Ratio)]
    [InlineData("insert@primary.errors<5", "insert@primary", ThresholdMetric.Errors, ThresholdComparison.LessThan, 5, ThresholdLimitKind.Count)]
    public void Parses_the_documented_forms(string text, string? scope, ThresholdMetric metric, ThresholdComparison comparison, double limit, ThresholdLimitKind kind)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal(scope, threshold.Scope);
        Assert.Equal(metric, threshold.Metric);
        Assert.Equal(comparison, threshold.Comparison);
        Assert.Equal(limit, threshold.Limit, 9);
        Assert.Equal(kind, threshold.LimitKind);
        Assert.Equal(text.Trim(), threshold.Text);
    }

    [Theory]
    [InlineData("p99 5ms", "needs <metric><op><limit>")]
    [InlineData("p99<", "needs <metric><op><limit>")]
    [InlineData("<5ms", "needs <metric><op><limit>")]
    [InlineData("p99<5", "'5' is not a duration")]
    [InlineData("p98<5ms", "'p98' is not a metric")]
    [InlineData("point-read.latency<5ms", "'latency' is not a metric")]
    [InlineData("errors<abc", "'abc' is not a limit")]
    [InlineData("errors<150%", "'150%' is not a limit")]
    [InlineData("errors<-1", "'-1' is not a limit")]
    [InlineData("throughput>fast", "'fast' is not a rate")]
    [InlineData("p99<5ms<6ms", "exactly one comparison")]
    [InlineData("p99=5ms", "needs <metric><op><limit>")]
    [InlineData("point.read.p99<5ms", "'point.read' is not an operation or node name")]
    [InlineData("point-read.dropped<1%", "take no scope")]
    public void Rejects_bad_text_with_one_line_naming_the_text_and_an_example(string text, string problem)
    {
        var ex = Assert.Throws<BadInputException>(() => Threshold.Parse(text));

        Assert.Contains($"'{text.Trim()}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("e.g.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("p99<5ms", 4999, true)]
    [InlineData("p99<5ms", 5000, false)]
    [InlineData("p99<=5ms", 5000, true)]
    [InlineData("throughput>1000/s", 1000, false)]
    [InlineData("throughput>=1000/s", 1000, true)]
    public void Comparisons_are_strict_or_inclusive_as_written(string text, double actual, bool met)
    {
        Assert.Equal(met, Threshold.Parse(text).IsMetBy(actual));
    }
}
