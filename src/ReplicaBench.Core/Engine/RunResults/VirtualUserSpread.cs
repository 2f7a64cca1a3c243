namespace ReplicaBench.Engine.RunResults;

/// <summary>
/// How evenly work spread over the virtual users during the measured duration. Fairness is part of
/// being as good as pgbench: an async driver can starve some clients while others race ahead,
/// which hides queueing inside the client. <see cref="MaxToMin"/> is pgbench-comparable.
/// </summary>
public sealed record VirtualUserSpread(IReadOnlyList<long> Operations)
{
    public long Min => Operations.Count == 0 ? 0 : Operations.Min();

    public long Max => Operations.Count == 0 ? 0 : Operations.Max();

    public double Mean => Operations.Count == 0 ? 0 : Operations.Average();

    /// <summary>Max / min operations per virtual user; null when some virtual user did none.</summary>
    public double? MaxToMin => Min == 0 ? null : Max / (double)Min;

    /// <summary>Standard deviation / mean of the per-user counts (0 = perfectly even).</summary>
    public double CoefficientOfVariation
    {
        get
        {
            var mean = Mean;
            if (mean == 0)
            {
                return 0;
            }

            var variance = Operations.Sum(n => (n - mean) * (n - mean)) / Operations.Count;
            return Math.Sqrt(variance) / mean;
        }
    }
}
