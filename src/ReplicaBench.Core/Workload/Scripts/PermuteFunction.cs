using System.Numerics;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// pgbench's <c>permute(i, size, seed)</c>: a pseudo-random permutation of [0, size) chosen by the seed, used to
/// scatter the hot keys of a skewed distribution. Same rounds and generator as pgbench, so the same seed gives the
/// same permutation.
/// </summary>
internal static class PermuteFunction
{
    private const int Rounds = 6;

    public static long Permute(long value, long size, long seed)
    {
        if (size < 2)
        {
            return 0;
        }

        var prng = new PgPrng((ulong)seed);
        var n = (ulong)size;
        var v = (ulong)value % n;

        // Work modulo the largest power of two <= size on overlapping lower and upper halves of the range.
        var maskLength = BitOperations.Log2(n);
        var mask = (1UL << maskLength) - 1;

        unchecked
        {
            for (var round = 0; round < Rounds; round++)
            {
                // Multiply by an odd number, xor and rotate: a bijection on the lower half.
                var m = (prng.NextUInt64() & mask) | 1;
                var r = prng.NextUInt64() & mask;
                if (v <= mask)
                {
                    v = ((v * m) ^ r) & mask;
                    v = ((v << 1) & mask) | (v >> (maskLength - 1));
                }

                // The same on the upper half, counted down from the top.
                m = (prng.NextUInt64() & mask) | 1;
                r = prng.NextUInt64() & mask;
                var t = n - 1 - v;
                if (t <= mask)
                {
                    t = ((t * m) ^ r) & mask;
                    t = ((t << 1) & mask) | (t >> (maskLength - 1));
                    v = n - 1 - t;
                }

                // A random offset spreads the values over the whole range.
                r = prng.NextInRange(0, n - 1);
                v = (v + r) % n;
            }
        }

        return (long)v;
    }
}
