using HdrHistogram;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// A cell's measured latencies read back from its <c>latency.hlog</c> with HdrHistogram's own log
/// reader, independently of the suite's reader and merger: what a merged figure is checked against.
/// </summary>
internal static class MeasuredHistograms
{
    private const string MeasuredLatency = "measurement/latency/";

    /// <summary>Every measured latency interval of every log, added into one histogram (microseconds).</summary>
    public static LongHistogram Added(IEnumerable<string> logFiles)
    {
        var total = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var file in logFiles)
        {
            using var stream = File.OpenRead(file);
            foreach (var interval in new HistogramLogReader(stream).ReadHistograms())
            {
                if (interval.Tag?.StartsWith(MeasuredLatency, StringComparison.Ordinal) == true)
                {
                    total.Add(interval);
                }
            }
        }

        return total;
    }

    /// <summary>The log of cell <paramref name="cell"/> in run folder <paramref name="run"/>.</summary>
    public static string LogOf(string run, string cell) => Path.Combine(run, "cells", cell, "latency.hlog");
}
