using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;

namespace ReplicaBench.Runs;

/// <summary>
/// How engine figures become contract figures: microseconds to milliseconds, three decimals, and
/// null for whatever was not measured (an empty histogram, a non-finite rate), never 0.
/// </summary>
internal static class ResultsFigures
{
    public static double Round(double value, int digits = 3) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>Null for NaN or infinity: a figure that could not be computed was not measured.</summary>
    public static double? Measured(double? value, int digits = 3) =>
        value is { } v && double.IsFinite(v) ? Round(v, digits) : null;

    public static double Ms(long microseconds) => Round(LatencySummary.ToMilliseconds(microseconds));

    /// <summary>The percentiles of a latency summary in ms; every one null when it holds no value.</summary>
    public static LatencyPercentiles Latency(LatencySummary latency) => latency.Count == 0
        ? new LatencyPercentiles()
        : new LatencyPercentiles
        {
            P50 = Ms(latency.P50),
            P90 = Ms(latency.P90),
            P95 = Ms(latency.P95),
            P99 = Ms(latency.P99),
            P999 = Ms(latency.P999),
            Max = Ms(latency.Max),
            Mean = Round(latency.Mean / 1000.0),
        };

    public static AgePercentiles? Age(LatencySummary age) => age.Count == 0
        ? null
        : new AgePercentiles { P50 = Ms(age.P50), P99 = Ms(age.P99), Max = Ms(age.Max) };

    public static IReadOnlyDictionary<string, long> Sorted(IReadOnlyDictionary<string, long> counts) =>
        counts.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
