namespace ReplicaBench.Engine;

/// <summary>How open-model arrivals are spread in time at a given rate.</summary>
public enum ArrivalDistribution
{
    /// <summary>Evenly spaced: the k-th arrival comes when k arrivals are expected (a metronome).</summary>
    Even,

    /// <summary>
    /// A Poisson process, as pgbench <c>-R</c> and BenchBase use: independent arrivals with
    /// exponential gaps, which is how many independent clients behave. Bursts happen, as in life.
    /// </summary>
    Poisson,
}
