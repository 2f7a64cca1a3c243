using System.Globalization;
using ReplicaBench.Configuration;

namespace ReplicaBench.Engine.Thresholds;

/// <summary>
/// A service-level objective checked when the run ends, parsed from text such as <c>p99&lt;5ms</c>.
/// </summary>
/// <remarks>
/// <para>Grammar: <c>[scope.]metric op limit</c>, spaces allowed around the operator.</para>
/// <list type="bullet">
/// <item><c>scope</c>: an operation (<c>point-read</c>), a node (<c>replica1</c>), or both
/// (<c>point-read@replica1</c>); omitted, the whole run.</item>
/// <item><c>metric</c>: <c>p50 p75 p90 p95 p99 p99.9 (p999) max mean</c> — latency of successful
/// operations, limit a duration (<c>5ms</c>, <c>250us</c>, <c>1.5s</c>); <c>errors stale-reads
/// ryw-violations</c> — limit a percentage (<c>0.1%</c>) or a count (<c>10</c>); <c>throughput</c>
/// — limit in operations per second (<c>1000/s</c>); <c>dropped</c> (a share of scheduled
/// arrivals) and <c>late</c> (a share of started arrivals: schedule lag over 1 ms) — open model
/// only, whole run, a percentage or a count.</item>
/// <item><c>op</c>: <c>&lt; &lt;= &gt; &gt;=</c>.</item>
/// </list>
/// <para>Examples: <c>p99&lt;5ms</c>, <c>p95&lt;=10ms</c>, <c>errors&lt;0.1%</c>, <c>stale-reads&lt;1%</c>,
/// <c>throughput&gt;1000/s</c>, <c>point-read.p99&lt;2ms</c>, <c>insert@primary.errors&lt;5</c>.</para>
/// <para>A threshold with nothing to measure (no successful operation for a percentile, no
/// checked read for <c>stale-reads</c>) fails: a CI gate that passes on no data hides broken runs.</para>
/// </remarks>
public sealed record Threshold
{
    private const string Examples = "e.g. p99<5ms, errors<0.1%, point-read.p95<=10ms, throughput>1000/s";

    private static readonly (string Name, ThresholdMetric Metric)[] MetricNames =
    [
        ("ryw-violations", ThresholdMetric.ReadYourWritesViolations),
        ("stale-reads", ThresholdMetric.StaleReads),
        ("throughput", ThresholdMetric.Throughput),
        ("dropped", ThresholdMetric.Dropped),
        ("errors", ThresholdMetric.Errors),
        ("p99.9", ThresholdMetric.P999),
        ("p999", ThresholdMetric.P999),
        ("late", ThresholdMetric.Late),
        ("mean", ThresholdMetric.Mean),
        ("p50", ThresholdMetric.P50),
        ("p75", ThresholdMetric.P75),
        ("p90", ThresholdMetric.P90),
        ("p95", ThresholdMetric.P95),
        ("p99", ThresholdMetric.P99),
        ("max", ThresholdMetric.Max),
    ];

    private Threshold(string text, string? scope, ThresholdMetric metric, ThresholdComparison comparison, double limit, ThresholdLimitKind limitKind)
    {
        (Text, Scope, Metric, Comparison) = (text, scope, metric, comparison);
        (Limit, LimitKind) = (limit, limitKind);
    }

    /// <summary>The text as written (trimmed).</summary>
    public string Text { get; }

    /// <summary>An operation, a node, <c>operation@node</c>, or null for the whole run.</summary>
    public string? Scope { get; }

    public ThresholdMetric Metric { get; }

    public ThresholdComparison Comparison { get; }

    /// <summary>The limit in the unit of <see cref="LimitKind"/>.</summary>
    public double Limit { get; }

    public ThresholdLimitKind LimitKind { get; }

    public bool IsLatency => Metric <= ThresholdMetric.Mean;

    /// <summary>Parses one threshold or throws <see cref="BadInputException"/> naming the text and an example.</summary>
    public static Threshold Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        var at = compact.IndexOfAny(['<', '>']);
        if (at <= 0 || at == compact.Length - 1)
        {
            throw Bad(text, "needs <metric><op><limit> with one of < <= > >=");
        }

        var orEqual = at + 1 < compact.Length && compact[at + 1] == '=';
        var comparison = (compact[at], orEqual) switch
        {
            ('<', false) => ThresholdComparison.LessThan,
            ('<', true) => ThresholdComparison.LessThanOrEqual,
            ('>', false) => ThresholdComparison.GreaterThan,
            _ => ThresholdComparison.GreaterThanOrEqual,
        };
        var left = compact[..at];
        var right = compact[(at + (orEqual ? 2 : 1))..];
        if (right.IndexOfAny(['<', '>', '=']) >= 0 || right.Length == 0)
        {
            throw Bad(text, "needs exactly one comparison and a limit after it");
        }

        var (scope, metric) = SplitMetric(text, left);
        var (limit, kind) = ParseLimit(text, metric, right);
        if (scope is not null && metric is ThresholdMetric.Late or ThresholdMetric.Dropped)
        {
            throw new BadInputException(
                $"threshold '{text.Trim()}': late and dropped count the whole run's arrivals and take no scope; write e.g. dropped<1%.");
        }

        return new Threshold(text.Trim(), scope, metric, comparison, limit, kind);
    }

    /// <summary>Parses several thresholds; the first bad one throws.</summary>
    public static IReadOnlyList<Threshold> ParseAll(IEnumerable<string> texts) => [.. texts.Select(Parse)];

    /// <summary>True when <paramref name="actual"/> satisfies the comparison with the limit.</summary>
    public bool IsMetBy(double actual) => Comparison switch
    {
        ThresholdComparison.LessThan => actual < Limit,
        ThresholdComparison.LessThanOrEqual => actual <= Limit,
        ThresholdComparison.GreaterThan => actual > Limit,
        _ => actual >= Limit,
    };

    /// <summary>The comparison and limit as text, e.g. <c>&lt; 5ms</c>.</summary>
    public string DescribeLimit() => $"{ComparisonSymbol} {FormatValue(Limit, LimitKind)}";

    public override string ToString() => Text;

    internal string ComparisonSymbol => Comparison switch
    {
        ThresholdComparison.LessThan => "<",
        ThresholdComparison.LessThanOrEqual => "<=",
        ThresholdComparison.GreaterThan => ">",
        _ => ">=",
    };

    /// <summary>Formats a value in a limit's unit: <c>7.2ms</c>, <c>0.35%</c>, <c>12</c>, <c>950/s</c>.</summary>
    internal static string FormatValue(double value, ThresholdLimitKind kind) => kind switch
    {
        ThresholdLimitKind.Microseconds => value >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{value / 1000:0.###}ms")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.###}us"),
        ThresholdLimitKind.Ratio => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.####}%"),
        ThresholdLimitKind.PerSecond => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}/s"),
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };

    private static (string? Scope, ThresholdMetric Metric) SplitMetric(string text, string left)
    {
        foreach (var (name, metric) in MetricNames)
        {
            if (left.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return (null, metric);
            }

            if (left.Length > name.Length + 1
                && left.EndsWith(name, StringComparison.OrdinalIgnoreCase)
                && left[^(name.Length + 1)] == '.')
            {
                var scope = left[..^(name.Length + 1)];
                if (!IsScope(scope))
                {
                    throw new BadInputException(
                        $"threshold '{text.Trim()}': '{scope}' is not an operation or node name; scope with <operation>, <node> or <operation>@<node>, e.g. point-read.p99<2ms.");
                }

                return (scope, metric);
            }
        }

        var metricText = left.Contains('.', StringComparison.Ordinal) ? left[(left.LastIndexOf('.') + 1)..] : left;
        throw new BadInputException(
            $"threshold '{text.Trim()}': '{metricText}' is not a metric; use p50, p75, p90, p95, p99, p99.9, max, mean, errors, stale-reads, ryw-violations, throughput, late or dropped, {Examples}.");
    }

    private static (double Limit, ThresholdLimitKind Kind) ParseLimit(string text, ThresholdMetric metric, string right)
    {
        if (metric <= ThresholdMetric.Mean)
        {
            if (DurationParser.TryParse(right, out var duration))
            {
                return (duration.Ticks / 10.0, ThresholdLimitKind.Microseconds);
            }

            throw new BadInputException(
                $"threshold '{text.Trim()}': '{right}' is not a duration; give the latency limit a unit, e.g. p99<5ms or p99.9<250us.");
        }

        if (metric == ThresholdMetric.Throughput)
        {
            var number = right.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? right[..^2] : right;
            if (TryParseNumber(number, out var perSecond))
            {
                return (perSecond, ThresholdLimitKind.PerSecond);
            }

            throw new BadInputException(
                $"threshold '{text.Trim()}': '{right}' is not a rate; write operations per second, e.g. throughput>1000/s.");
        }

        if (right.EndsWith('%') && TryParseNumber(right[..^1], out var percent) && percent <= 100)
        {
            return (percent / 100, ThresholdLimitKind.Ratio);
        }

        if (long.TryParse(right, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (count, ThresholdLimitKind.Count);
        }

        throw new BadInputException(
            $"threshold '{text.Trim()}': '{right}' is not a limit; write a percentage from 0% to 100% or a whole count, e.g. errors<0.1% or errors<10.");
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && value >= 0;

    private static bool IsScope(string scope)
    {
        var parts = scope.Split('@');
        return parts.Length <= 2 && parts.All(LoadScenario.IsValidName);
    }

    private static BadInputException Bad(string text, string problem) =>
        new($"threshold '{text.Trim()}' {problem}, {Examples}.");
}
