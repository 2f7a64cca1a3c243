using HdrHistogram;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// What a latency histogram reports for a recorded value: HdrHistogram keeps 3 significant
/// digits, so percentiles come back as the highest value equivalent to the one recorded.
/// </summary>
internal static class Reported
{
    private static readonly LongHistogram Layout = new(1, 3_600_000_000, 3);

    public static long Microseconds(long value) => Layout.HighestEquivalentValue(value);

    public static long Milliseconds(double value) => Microseconds((long)(value * 1000));
}
