using HdrHistogram;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// The one histogram configuration of the engine, so that every histogram (per virtual user, per
/// interval, per run, read back from a log) can be added to every other: microseconds from 1 µs to
/// one hour at 3 significant digits (0.1% resolution).
/// </summary>
internal static class LatencyHistograms
{
    public const long LowestMicroseconds = 1;

    /// <summary>One hour: nothing a database benchmark waits for takes longer; larger values are clamped.</summary>
    public const long HighestMicroseconds = 3_600_000_000;

    public const int SignificantDigits = 3;

    /// <summary>
    /// A per-virtual-user, per-interval histogram: 32-bit counts halve the memory of the histograms
    /// that exist once per virtual user; one interval cannot overflow them (2^31 operations in at
    /// most a minute from one virtual user).
    /// </summary>
    public static HistogramBase CreateForInterval() => new IntHistogram(LowestMicroseconds, HighestMicroseconds, SignificantDigits);

    /// <summary>A collector-side histogram that accumulates a whole run.</summary>
    public static LongHistogram CreateForTotal() => new(LowestMicroseconds, HighestMicroseconds, SignificantDigits);

    /// <summary>Keeps a value inside the trackable range (HdrHistogram throws outside it).</summary>
    public static long Clamp(long microseconds) =>
        microseconds < 0 ? 0 : microseconds > HighestMicroseconds ? HighestMicroseconds : microseconds;
}
