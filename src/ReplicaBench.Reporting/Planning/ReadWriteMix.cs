namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// A load's share of reads (the rest are writes). A cell stands for a target only when their
/// shares are within <see cref="Tolerance"/>: the mix sets both how much a replica can serve and
/// how much WAL it must replay, so a cell measured at another mix says little about the target.
/// </summary>
internal sealed record ReadWriteMix(double ReadShare)
{
    /// <summary>Five percentage points: 90% and 92% reads are one mix, 90% and 100% are not.</summary>
    public const double Tolerance = 0.05;

    /// <summary>The tolerance in words, for the reasoning.</summary>
    public static string ToleranceText => $"±{(Tolerance * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)} percentage points";

    /// <summary>The mix of <paramref name="reads"/> and <paramref name="writes"/> per second; null when both are 0.</summary>
    public static ReadWriteMix? Of(double reads, double writes) => reads + writes > 0 ? new ReadWriteMix(reads / (reads + writes)) : null;

    public bool Matches(ReadWriteMix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Math.Abs(ReadShare - other.ReadShare) <= Tolerance + 1e-9;
    }

    public override string ToString() => $"{Format.Percent(ReadShare)} reads / {Format.Percent(1 - ReadShare)} writes";
}
