namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>How long the routing-overhead measurement runs.</summary>
/// <param name="VirtualUsers">Concurrent closed-loop readers per pass (a few, as in a small load run).</param>
/// <param name="OperationsPerPass">Point reads per measured pass, all readers together.</param>
/// <param name="Rounds">Alternating rounds; the reported figures are medians over them.</param>
/// <param name="WarmUpOperations">Reads per path before the first round, so every path runs tiered-up (JIT) code.</param>
/// <param name="Keys">Reads cycle over keys 1..Keys (the seeded rows).</param>
public sealed record RoutingOverheadOptions(int VirtualUsers, int OperationsPerPass, int Rounds, int WarmUpOperations, long Keys)
{
    // Short passes, many rounds: on a shared 2-core machine a pass of 20,000 reads (0.5 s) was often
    // hit by another process's burst, and five such pairs gave a primary-only overhead anywhere from
    // -4 to +3 µs; the median of many 2,000-read pairs is far steadier.

    /// <summary>The quick job's size: about 40 s on 2 cores with six policies.</summary>
    public static RoutingOverheadOptions Quick(long keys) => new(4, 2_000, 41, 20_000, keys);

    /// <summary>The full job's size: more rounds and longer passes, for a narrower median.</summary>
    public static RoutingOverheadOptions Full(long keys) => new(4, 4_000, 101, 50_000, keys);
}
