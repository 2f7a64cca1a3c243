using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearRegression;
using MathNet.Numerics.Statistics;

namespace ReplicaBench.Measurement;

/// <summary>
/// Where one replica's replay lag went over a stretch of steady load: its mean, its p99, and the
/// least-squares slope of lag against time, in ms of lag per second. A positive slope that is both
/// significant and large enough to matter means the replica replays more slowly than the primary
/// writes: its lag grows without bound for as long as that write rate lasts.
/// </summary>
/// <remarks>
/// Lag samples a second apart are not independent (a backlog at one sample is most of the next one's),
/// so the ordinary slope's standard error is too small and a plain t-test would call noise a trend.
/// The test shrinks the sample count by the residuals' lag-1 autocorrelation ρ, n_eff = n(1 − ρ)/(1 + ρ),
/// and widens the error to match (the usual AR(1) correction), then asks for a one-sided t-test at
/// 5% with n_eff − 2 degrees of freedom. It also asks for a slope of at least
/// <see cref="MinimumSlopeMsPerSecond"/>: a replica 1% behind (10 ms more lag every second) is falling
/// behind in any sense a user cares about, while a significant 0.5 ms/s over 20 s is the tail of the
/// step's start, not a trend.
/// </remarks>
public sealed record LagTrend(int Samples, double MeanMs, double P99Ms, double SlopeMsPerSecond, double TStatistic, double? CriticalValue, bool FallingBehind)
{
    /// <summary>The test's one-sided significance level.</summary>
    public const double Alpha = 0.05;

    /// <summary>The least slope that counts as falling behind, whatever its significance.</summary>
    public const double MinimumSlopeMsPerSecond = 10;

    /// <summary>What <see cref="FallingBehind"/> means, for results.json's <c>limits.test</c>.</summary>
    public const string TestDescription =
        "least-squares slope of replay lag (ms) against time (s) over the step; falling behind = one-sided t-test at 5% "
        + "with the sample count reduced for the residuals' lag-1 autocorrelation (n_eff = n(1-rho)/(1+rho), n_eff - 2 degrees of freedom) "
        + "and a slope of at least 10 ms of lag per second";

    /// <summary>The trend of <paramref name="samples"/> (seconds, ms); null with fewer than 3 samples.</summary>
    public static LagTrend? Fit(IReadOnlyList<(double T, double LagMs)> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count < 3)
        {
            return null;
        }

        var t = samples.Select(s => s.T).ToArray();
        var lag = samples.Select(s => s.LagMs).ToArray();
        var (intercept, slope) = SimpleRegression.Fit(t, lag);
        var residuals = t.Select((x, i) => lag[i] - (intercept + (slope * x))).ToArray();
        var n = samples.Count;
        var spread = t.Sum(x => Math.Pow(x - t.Average(), 2));
        var residualSquares = residuals.Sum(e => e * e);
        var standardError = spread == 0 ? double.PositiveInfinity : Math.Sqrt(residualSquares / (n - 2) / spread);

        var rho = residualSquares == 0 ? 0 : Math.Clamp(residuals.Skip(1).Select((e, i) => e * residuals[i]).Sum() / residualSquares, 0, 0.95);
        var effective = n * (1 - rho) / (1 + rho);
        double tStatistic;
        double? critical = null;
        if (standardError == 0)
        {
            tStatistic = slope > 0 ? double.PositiveInfinity : 0;
        }
        else
        {
            tStatistic = effective > 2 ? slope / (standardError * Math.Sqrt((n - 2) / (effective - 2))) : 0;
        }

        if (effective > 2)
        {
            critical = StudentT.InvCDF(0, 1, effective - 2, 1 - Alpha);
        }

        var falling = critical is { } c && tStatistic > c && slope >= MinimumSlopeMsPerSecond;
        return new LagTrend(n, lag.Average(), Statistics.Quantile(lag, 0.99), slope, tStatistic, critical, falling);
    }
}
