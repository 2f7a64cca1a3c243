using System.Globalization;

namespace ReplicaBench.Reporting.Planning;

/// <summary>What a <c>limits</c> run found for one replica.</summary>
/// <param name="Run">The limits run's name (its id, or its folder's).</param>
/// <param name="Replica">The replica's name in that run.</param>
/// <param name="Cpus">The replica's CPU budget in that run; null when it was not emulated.</param>
/// <param name="Sustainable">The highest step rate it kept up at (writes/s); null when it fell behind at the lowest step.</param>
/// <param name="KeptUpAtEveryStep">It never fell behind, so its real limit lies above the highest step tried.</param>
/// <param name="LowestStep">The run's lowest step rate, writes/s.</param>
/// <param name="HighestStep">The run's highest step rate, writes/s.</param>
internal sealed record WriteLimit(string Run, string Replica, double? Cpus, double? Sustainable, bool KeptUpAtEveryStep, double LowestStep, double HighestStep)
{
    /// <summary>"replica1 (0.2 CPU) of limits run 20261206-1400"</summary>
    public string Name => $"{Replica}{(Cpus is { } c ? string.Create(CultureInfo.InvariantCulture, $" ({c:0.###} CPU)") : "")} of limits run {Run}";

    /// <summary>
    /// Why this replica cannot be trusted to replay <paramref name="writes"/> per second with
    /// <paramref name="usable"/> of its measured capacity (1 - headroom); null when it can.
    /// </summary>
    public string? Problem(double writes, double usable)
    {
        if (Sustainable is not { } rate)
        {
            return $"{Name} fell behind at every step, from {Format.Number(LowestStep)} writes/s: its replay limit is below that, so no rate is known to be safe (measure lower --write-rates)";
        }

        if (writes <= rate * usable)
        {
            return null;
        }

        return KeptUpAtEveryStep
            ? $"{Name} kept up at every step, up to {Format.Number(HighestStep)} writes/s, {Format.Number(rate * usable)}/s with headroom: below the target's {Format.Number(writes)} writes/s, so it is not known to keep up (measure higher --write-rates)"
            : $"{Name} keeps up to ~{Format.Number(rate)} writes/s ({Format.Number(rate * usable)}/s with headroom) and fell behind above it: the target's {Format.Number(writes)} writes/s would leave it further behind every second";
    }
}
