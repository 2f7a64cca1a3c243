using System.Globalization;
using ReplicaBench.Reporting.Charts;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The report's first line: the answer to "what did replicas buy me?" in one sentence, computed
/// from the results: the cell with more replicas than the baseline that reads from them and has the
/// most reads per second, against the baseline cell
/// (<see cref="ReportBaseline"/>, primary-only): "2 replicas with read-your-writes: 1.9× the reads of
/// primary-only at p99 +0.3 ms, 0 stale reads."
/// </summary>
public static class HeadlineSentence
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The sentence, or null when no cell has more replicas than the baseline.</summary>
    public static string? For(IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (ReportBaseline.Find(cells) is not { } baseline)
        {
            return null;
        }

        // The question is what replicas bought: other policies on the baseline's topology are no
        // answer, nor is primary-only on a larger one (it reads no replica) unless it is all there is.
        var larger = cells.Where(c => c.Replicas > baseline.Replicas).ToArray();
        var best = larger.Where(c => c.Policy != ReportBaseline.PrimaryOnly).MaxBy(Reads) ?? larger.MaxBy(Reads);
        if (best is null || Reads(baseline) <= 0)
        {
            return null;
        }

        var what = best.ReadThroughput is not null && baseline.ReadThroughput is not null ? "reads" : "operations";
        var sentence = $"{best.Replicas} replica{(best.Replicas == 1 ? "" : "s")} with {best.Policy}: {(Reads(best) / Reads(baseline)).ToString("0.0", Invariant)}× the {what} of {BaselineName(baseline)}";
        if (best.LatencyMs?.P99 is { } p99 && baseline.LatencyMs?.P99 is { } baselineP99)
        {
            sentence += " at p99 " + SignedMs(p99 - baselineP99);
        }

        if (best.StaleReads is { } stale)
        {
            sentence += stale == 0
                ? ", 0 stale reads"
                : $", {Format.Integer(stale)} stale read{(stale == 1 ? "" : "s")}{(best.StaleReadRate is { } rate ? $" ({Format.Percent(rate)} of reads checked)" : "")}";
        }

        return sentence + ".";
    }

    /// <summary>A latency change with its sign (a true minus): "+0.3 ms", "−0.45 ms", "+12 ms".</summary>
    public static string SignedMs(double difference)
    {
        var magnitude = Math.Abs(difference);
        var text = magnitude >= 10 ? magnitude.ToString("0", Invariant) : magnitude.ToString("0.0#", Invariant);
        return (difference < 0 && text != "0.0" ? "−" : "+") + text + " ms";
    }

    private static double Reads(CellResults cell) => cell.ReadThroughput ?? cell.Throughput;

    private static string BaselineName(CellResults baseline) =>
        baseline.Replicas == 0 && baseline.Policy == ReportBaseline.PrimaryOnly ? ReportBaseline.PrimaryOnly : baseline.Label;
}
