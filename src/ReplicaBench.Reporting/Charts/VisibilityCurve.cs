using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Charts;

/// <summary>
/// P(a read issued t ms after a write's acknowledgement sees it), per replica: the empirical CDF
/// of the visibility delay. This is the t-visibility of Bailis et al., "Probabilistically Bounded
/// Staleness for Practical Partial Quorums" (VLDB 2012), measured rather than modelled.
/// Histograms of the same replica from several cells are added (never percentiles averaged).
/// </summary>
public static class VisibilityCurve
{
    /// <summary>Points (t in ms, probability) per replica; from the histogram when present, else from the percentiles.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(double Ms, double Probability)>> Build(IReadOnlyList<CellResults> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var curves = new SortedDictionary<string, IReadOnlyList<(double, double)>>(StringComparer.Ordinal);
        foreach (var group in cells.SelectMany(c => c.Visibility.Select(v => (Cell: c, Visibility: v))).GroupBy(x => x.Visibility.Replica, StringComparer.Ordinal))
        {
            var histograms = group.Where(x => !string.IsNullOrEmpty(x.Visibility.Histogram)).ToArray();
            if (histograms.Length > 0)
            {
                var merged = Decode(histograms[0].Cell, histograms[0].Visibility);
                foreach (var other in histograms.Skip(1))
                {
                    merged.Add(Decode(other.Cell, other.Visibility));
                }

                if (merged.TotalCount > 0)
                {
                    curves[group.Key] = FromHistogram(merged);
                    continue;
                }
            }

            var first = group.First().Visibility;
            var fromPercentiles = new List<(double, double)> { (0, 0) };
            AddPoint(fromPercentiles, first.P50Ms, 0.5);
            AddPoint(fromPercentiles, first.P90Ms, 0.9);
            AddPoint(fromPercentiles, first.P99Ms, 0.99);
            AddPoint(fromPercentiles, first.MaxMs, 1.0);
            if (fromPercentiles.Count > 1)
            {
                curves[group.Key] = fromPercentiles;
            }
        }

        return curves;
    }

    /// <summary>P(visible by <paramref name="ms"/>) from a curve: the last point at or before it.</summary>
    public static double ProbabilityAt(IReadOnlyList<(double Ms, double Probability)> curve, double ms)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var probability = 0.0;
        foreach (var (t, p) in curve)
        {
            if (t > ms)
            {
                break;
            }

            probability = p;
        }

        return probability;
    }

    private static HdrHistogram.HistogramBase Decode(CellResults cell, VisibilityResult visibility)
    {
        try
        {
            return HistogramText.Decode(visibility.Histogram!);
        }
        catch (FormatException ex)
        {
            throw new BadInputException($"cell '{cell.Id}' has a visibility histogram for '{visibility.Replica}' that is not HdrHistogram compressed base64; regenerate results.json.", ex);
        }
    }

    private static List<(double, double)> FromHistogram(HdrHistogram.HistogramBase histogram)
    {
        var points = new List<(double, double)> { (0, 0) };
        double total = histogram.TotalCount;
        long cumulative = 0;
        foreach (var value in histogram.RecordedValues())
        {
            cumulative += value.CountAddedInThisIterationStep;
            points.Add((value.ValueIteratedTo / 1000.0, cumulative / total));
        }

        return points;
    }

    private static void AddPoint(List<(double, double)> points, double? ms, double probability)
    {
        if (ms is { } value && value >= points[^1].Item1)
        {
            points.Add((value, probability));
        }
    }
}
