using HdrHistogram;

namespace ReplicaBench.Reporting.Tests.Compare;

/// <summary>
/// Per-second latency histograms (µs) drawn from a known distribution, seeded: 98% of operations
/// 150 µs + Exp(50 µs), 2% a slow path 500 µs + Exp(1.5 ms) — a body and a long tail, as a
/// database's point reads look. <see cref="Transform"/> rewrites each drawn value (e.g. doubles the tail).
/// </summary>
internal sealed record SyntheticLatency(int Seed, int Seconds = 30, int PerSecond = 20_000)
{
    /// <summary>Every value above it is in the tail: above the body's reach for all but 0.7% of it, below p99.</summary>
    public const long TailFrom = 400;

    public Func<long, long> Transform { get; init; } = v => v;

    /// <summary>Doubles every latency in the tail (above <see cref="TailFrom"/>): p99 and p99.9 double, p50 stays.</summary>
    public static long DoubleTheTail(long value) => value > TailFrom ? 2 * value : value;

    public IReadOnlyList<HistogramBase> Draw()
    {
        var random = new Random(Seed);
        var seconds = new List<HistogramBase>(Seconds);
        for (var s = 0; s < Seconds; s++)
        {
            var histogram = NewHistogram();
            for (var i = 0; i < PerSecond; i++)
            {
                var value = random.NextDouble() < 0.98 ? 150 + Exponential(random, 50) : 500 + Exponential(random, 1500);
                histogram.RecordValue(Transform((long)value));
            }

            seconds.Add(histogram);
        }

        return seconds;
    }

    /// <summary>The histogram configuration the load engine writes (1 µs to 1 h, 3 digits), so the codec round-trips.</summary>
    public static LongHistogram NewHistogram() => new(1, 3_600_000_000, 3);

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());
}
