using System.Numerics;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// PostgreSQL's own pseudo-random generator (xoroshiro128**, seeded through splitmix64). Only <c>permute()</c> uses it:
/// a permutation is defined by its seed, so it must be pgbench's generator for the same seed to give the same order.
/// </summary>
internal struct PgPrng
{
    private ulong _s0;
    private ulong _s1;

    public PgPrng(ulong seed)
    {
        _s0 = SplitMix64(ref seed);
        _s1 = SplitMix64(ref seed);

        // xoroshiro's state must not be all zeroes; PostgreSQL substitutes fixed constants then.
        if (_s0 == 0 && _s1 == 0)
        {
            _s0 = 0x5851F42D4C957F2D;
            _s1 = 0x14057B7EF767814F;
        }
    }

    public ulong NextUInt64()
    {
        unchecked
        {
            var s0 = _s0;
            var sx = _s1 ^ s0;
            var value = BitOperations.RotateLeft(s0 * 5, 7) * 9;
            _s0 = BitOperations.RotateLeft(s0, 24) ^ sx ^ (sx << 16);
            _s1 = BitOperations.RotateLeft(sx, 37);
            return value;
        }
    }

    /// <summary>A value in [min, max], by bitmask rejection (unbiased), as pg_prng_uint64_range.</summary>
    public ulong NextInRange(ulong min, ulong max)
    {
        if (max <= min)
        {
            return min;
        }

        var range = max - min;
        var shift = 63 - BitOperations.Log2(range);
        ulong value;
        do
        {
            value = NextUInt64() >> shift;
        }
        while (value > range);

        return min + value;
    }

    private static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            var value = state += 0x9E3779B97F4A7C15;
            value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
            value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
            return value ^ (value >> 31);
        }
    }
}
