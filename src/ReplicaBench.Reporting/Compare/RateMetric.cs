using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The rate of a rare event (errors per attempt, stale reads per checked read), judged on its
/// counts: the exact Poisson rate-ratio interval (<see cref="PoissonRateRatio"/>) of the events
/// summed over the repeats, widened on the log scale by the runs' between-run variation
/// (z·√(Σσ_b²/k_b² + Σσ_c²/k_c²), σ each repeat's <see cref="BetweenRunSd"/>). 3 vs 5 stale reads of 100,000 is a ratio anywhere from 0.33 to 11 — not
/// a regression, however large +67% looks; a per-second standard error cannot say that.
/// </summary>
internal sealed class RateMetric(string name, Func<CellResults, (long Events, double Exposure)?> counts) : ILoadMetric
{
    public MetricChange? Compare(string cell, IReadOnlyList<CellEvidence> baseline, IReadOnlyList<CellEvidence> candidate, double minimumChange, int seed)
    {
        if (Sum(baseline) is not { } b || Sum(candidate) is not { } c)
        {
            return null;
        }

        var baseRate = 100 * b.Events / b.Exposure;
        var candidateRate = 100 * c.Events / c.Exposure;
        var ratio = PoissonRateRatio.Interval(b.Events, b.Exposure, c.Events, c.Exposure, ChangeInterval.Confidence);
        if (ratio is not { } bounds)
        {
            return new MetricChange(cell, name, "%", false, 0, 0, null, minimumChange, "no events in either run", ChangeVerdict.Unchanged);
        }

        var widening = Math.Exp(ChangeInterval.Z * Math.Sqrt(LevelVariance(baseline) + LevelVariance(candidate)));
        var interval = new ChangeInterval((bounds.Low / widening) - 1, (bounds.High * widening) - 1);
        var relative = baseRate == 0 ? double.PositiveInfinity : (candidateRate / baseRate) - 1;
        var method = string.Create(
            CultureInfo.InvariantCulture,
            $"exact Poisson rate ratio of {b.Events:#,0} vs {c.Events:#,0} events + between-run sd {BetweenRunSd.Describe(baseline.Concat(candidate).Max(e => e.BetweenRunSd))}");
        return new MetricChange(cell, name, "%", false, baseRate, candidateRate, interval, minimumChange, method,
            ChangeJudge.Judge(relative, interval, minimumChange, higherIsBetter: false));
    }

    // The pooled rate's level averages the repeats' levels: Σσ²/k².
    private static double LevelVariance(IReadOnlyList<CellEvidence> repeats) =>
        repeats.Sum(e => e.BetweenRunSd * e.BetweenRunSd) / (repeats.Count * (double)repeats.Count);

    private (long Events, double Exposure)? Sum(IReadOnlyList<CellEvidence> repeats)
    {
        long events = 0;
        double exposure = 0;
        foreach (var evidence in repeats)
        {
            if (counts(evidence.Cell) is not { } measured)
            {
                return null;
            }

            events += measured.Events;
            exposure += measured.Exposure;
        }

        return exposure > 0 ? (events, exposure) : null;
    }
}
