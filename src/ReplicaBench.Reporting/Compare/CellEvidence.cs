using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// One measured cell (one repeat) as compare sees it: its results.json entry, the histogram
/// intervals of its <c>latency.hlog</c> when the run folder holds one, and a seed of its own so
/// that its bootstrap is reproducible and independent of every other cell's.
/// </summary>
internal sealed class CellEvidence
{
    private readonly Dictionary<string, double[]?> _percentiles = new(StringComparer.Ordinal);

    private CellEvidence(CellResults cell, int repeat, LatencyIntervals? intervals, int seed)
    {
        Cell = cell;
        Repeat = repeat;
        Intervals = intervals;
        Seed = seed;
        BetweenRunSd = Compare.BetweenRunSd.Of(cell);
    }

    /// <summary>The percentiles read from the histogram log, in one bootstrap pass.</summary>
    public static IReadOnlyList<double> LogPercentiles { get; } = [50, 99, 99.9];

    public CellResults Cell { get; }

    public int Repeat { get; }

    /// <summary>Null when the cell has no readable histogram log (then per-second series stand in).</summary>
    public LatencyIntervals? Intervals { get; }

    public int Seed { get; }

    /// <summary>The between-run standard deviation (log scale) this run is taken to have.</summary>
    public double BetweenRunSd { get; }

    /// <summary>Loads the cell's histogram log from <paramref name="runDirectory"/>, if it names one that exists.</summary>
    public static CellEvidence Load(string runDirectory, CellResults cell, int repeat, int seed)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var log = cell.Files?.HistogramLog is { Length: > 0 } relative ? Path.Combine(runDirectory, relative) : null;
        var intervals = log is not null && File.Exists(log) ? HistogramLogIntervals.Read(log) : null;
        return new CellEvidence(cell, repeat, intervals is { TotalCount: > 0 } ? intervals : null, seed);
    }

    /// <summary>Bootstrap deviations of a percentile in <see cref="LogPercentiles"/>, all computed on first use.</summary>
    public double[]? PercentileDeviations(double percentile)
    {
        if (Intervals is null)
        {
            return null;
        }

        if (_percentiles.Count == 0)
        {
            var deviations = WithinRunBootstrap.OfPercentiles(Intervals, LogPercentiles, Seed);
            for (var i = 0; i < LogPercentiles.Count; i++)
            {
                _percentiles[Key(LogPercentiles[i])] = deviations[i];
            }
        }

        return _percentiles.GetValueOrDefault(Key(percentile));
    }

    private static string Key(double percentile) => percentile.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
