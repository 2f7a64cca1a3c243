using HdrHistogram;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// The answer the open-model tests compare the engine with, worked out arrival by arrival: evenly
/// spaced arrivals served first-come first-served by the first free of N users; an arrival that
/// waited longer than the max lateness when a user freed up is dropped; nothing starts at or after
/// the end, so what still waits then is dropped at the stop.
/// </summary>
internal static class QueueReference
{
    /// <param name="operationMs">How long an operation takes, given when (ms from the start) it starts.</param>
    public static Outcome Run(int virtualUsers, int arrivals, double gapMs, Func<double, double> operationMs, double maxLatenessMs, double endMs)
    {
        var free = new double[virtualUsers];
        var outcome = new Outcome();
        for (var k = 0; k < arrivals; k++)
        {
            var due = gapMs * k;
            var user = Array.IndexOf(free, free.Min());
            var start = Math.Max(due, free[user]);
            if (start >= endMs)
            {
                outcome.DroppedAtStop++;
                continue;
            }

            if (start - due > maxLatenessMs)
            {
                outcome.DroppedLate++;
                continue;
            }

            free[user] = start + operationMs(start);
            outcome.LatenciesMs.Add(free[user] - due);
            outcome.LagsMs.Add(start - due);
        }

        return outcome;
    }

    /// <summary>Asserts that a histogram (µs) holds exactly the given values (ms), value by value.</summary>
    public static void AssertSameHistogram(IReadOnlyCollection<double> expectedMs, HistogramBase actual)
    {
        var expected = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var ms in expectedMs)
        {
            expected.RecordValue((long)(ms * 1000));
        }

        Assert.Equal(expected.TotalCount, actual.TotalCount);
        foreach (var ms in expectedMs.Distinct())
        {
            var value = (long)(ms * 1000);
            Assert.Equal(expected.GetCountAtValue(value), actual.GetCountAtValue(value));
        }
    }

    public sealed class Outcome
    {
        public List<double> LatenciesMs { get; } = [];

        /// <summary>Schedule lag (start − scheduled) of every arrival that started, ms.</summary>
        public List<double> LagsMs { get; } = [];

        public long DroppedLate { get; set; }

        public long DroppedAtStop { get; set; }

        public long Started => LatenciesMs.Count;

        public long Dropped => DroppedLate + DroppedAtStop;

        /// <summary>Arrivals that started more than 1 ms (the engine's late threshold) after their scheduled time.</summary>
        public long Late => LagsMs.Count(lag => lag > 1);
    }
}
