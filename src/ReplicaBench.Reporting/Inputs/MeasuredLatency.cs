using HdrHistogram;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Inputs;

/// <summary>
/// A cell's measured-window latency as ONE histogram: every <c>measurement/latency/*</c> interval
/// of its <c>latency.hlog</c> (all operations, all nodes) added up, warm-up left out, in µs.
/// </summary>
public static class MeasuredLatency
{
    private const string MeasuredLatencyTag = "measurement/latency/";

    /// <summary>The cell's histogram, or null when the run folder holds no readable log for it (a run made before logs, a copied results.json, a log cut short by a crash).</summary>
    public static HistogramBase? Read(string runDirectory, CellResults cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Files?.HistogramLog is not { Length: > 0 } relative)
        {
            return null;
        }

        var path = Path.Combine(runDirectory, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // The engine's range (1 µs to 1 h, 3 significant digits), so any interval adds without overflow.
            var total = new LongHistogram(1, 3_600_000_000, 3);
            foreach (var interval in IntervalLogReader.Read(path).Where(h => h.Tag?.StartsWith(MeasuredLatencyTag, StringComparison.Ordinal) == true))
            {
                total.Add(interval.Histogram);
            }

            return total.TotalCount == 0 ? null : total;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or FormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
