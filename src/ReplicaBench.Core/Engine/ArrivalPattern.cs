namespace ReplicaBench.Engine;

/// <summary>
/// The distribution of open-model arrivals and, for Poisson arrivals, the seed of their random
/// gaps. The default seed is fixed so that two runs with the same settings see the same schedule.
/// </summary>
public sealed record ArrivalPattern
{
    /// <summary>The seed used unless another is given: runs are reproducible by default.</summary>
    public const int DefaultSeed = 42;

    private ArrivalPattern(ArrivalDistribution distribution, int seed)
    {
        Distribution = distribution;
        Seed = seed;
    }

    /// <summary>Evenly spaced arrivals.</summary>
    public static ArrivalPattern Even { get; } = new(ArrivalDistribution.Even, 0);

    public ArrivalDistribution Distribution { get; }

    public int Seed { get; }

    /// <summary>Poisson arrivals (exponential gaps) from a seeded random source.</summary>
    public static ArrivalPattern Poisson(int seed = DefaultSeed) => new(ArrivalDistribution.Poisson, seed);

    public override string ToString() => Distribution == ArrivalDistribution.Even ? "even" : $"poisson(seed {Seed})";
}
