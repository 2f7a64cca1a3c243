namespace ReplicaBench.Engine;

/// <summary>
/// One linear piece of the arrival-rate curve: from <see cref="Start"/> seconds for
/// <see cref="Length"/> seconds the rate is <c>StartRate + Slope × (t − Start)</c>.
/// </summary>
internal readonly record struct RateSegment(double Start, double Length, double StartRate, double Slope)
{
    /// <summary>Expected arrivals in the whole segment: the integral of the rate.</summary>
    public double Arrivals => (StartRate * Length) + (0.5 * Slope * Length * Length);

    /// <summary>
    /// The time into the segment by which <paramref name="arrivals"/> arrivals are expected: the
    /// inverse of the integral, solved in a form that stays exact when the slope is zero or negative.
    /// </summary>
    public double TimeFor(double arrivals)
    {
        if (arrivals <= 0)
        {
            return 0;
        }

        var root = Math.Sqrt(Math.Max(0, (StartRate * StartRate) + (2 * Slope * arrivals)));
        var denominator = StartRate + root;
        return denominator <= 0 ? Length : Math.Min(Length, 2 * arrivals / denominator);
    }
}
