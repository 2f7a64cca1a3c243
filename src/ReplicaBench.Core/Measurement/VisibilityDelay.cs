using System.Globalization;

namespace ReplicaBench.Measurement;

/// <summary>
/// One visibility figure (a percentile, the maximum) of a probe in which some markers may never
/// have been seen. Such a marker is a censored sample: all that is known is that its delay is at
/// least how long it was watched (the probe's timeout, or less when the probe stopped first). A
/// percentile whose rank falls among the censored markers is therefore not a measured delay but a
/// lower bound, and is reported as one, never dropped and never replaced by a seen value.
/// </summary>
/// <param name="Milliseconds">The delay, or the least it can be when <paramref name="IsLowerBound"/>.</param>
/// <param name="IsLowerBound">True when the rank fell among markers never seen: the delay is at least <paramref name="Milliseconds"/>.</param>
public readonly record struct VisibilityDelay(double Milliseconds, bool IsLowerBound)
{
    /// <summary>"12.5 ms", or "&gt;= 200 ms" for a lower bound.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(IsLowerBound ? ">= " : string.Empty)}{Milliseconds:0.###} ms");
}
