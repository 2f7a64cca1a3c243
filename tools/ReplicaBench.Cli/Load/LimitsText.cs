using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Cli.Load;

/// <summary>The lines <c>limits</c> ends with: one per step and replica, then each replica's sustainable rate.</summary>
internal static class LimitsText
{
    public static IEnumerable<string> Lines(LimitsResults limits)
    {
        foreach (var step in limits.Steps)
        {
            var wal = step.WalBytesPerSecond is { } bytes ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1_048_576:0.00} MiB/s") : "not read";
            yield return string.Create(CultureInfo.InvariantCulture, $"{step.Rate:0.###} writes/s: achieved {step.AchievedRate:0}, WAL {wal}");
            foreach (var (replica, trend) in step.Replicas)
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {replica}: lag mean {trend.LagMeanMs:0.0} ms, p99 {trend.LagP99Ms:0.0} ms, slope {trend.LagSlopeMsPerSecond:+0.0;-0.0;0} ms/s ({(trend.FallingBehind ? "falling behind" : "keeps up")})");
            }
        }

        foreach (var (replica, rate) in limits.SustainableWriteRate)
        {
            var highest = limits.Steps.Count == 0 ? 0 : limits.Steps[^1].Rate;
            yield return rate switch
            {
                null => $"{replica} fell behind at the first step: lower rates are needed to find its limit",
                { } r when r >= highest => string.Create(CultureInfo.InvariantCulture, $"{replica} kept up at every step, up to {r:0.###} writes/s: higher rates are needed to find its limit"),
                { } r => string.Create(CultureInfo.InvariantCulture, $"{replica} keeps up to {r:0.###} writes/s"),
            };
        }
    }
}
