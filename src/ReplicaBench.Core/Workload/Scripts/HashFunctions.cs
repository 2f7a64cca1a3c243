namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// pgbench's <c>hash_murmur2</c> (also plain <c>hash</c>) and <c>hash_fnv1a</c> of a bigint with a seed. They must give
/// pgbench's exact numbers: scripts use them to scatter keys, and the same script should touch the same rows.
/// </summary>
internal static class HashFunctions
{
    private const ulong FnvPrime = 0x100000001B3;
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325;
    private const ulong Murmur2Multiplier = 0xC6A4A7935BD1E995;
    private const int Murmur2Rotation = 47;

    /// <summary>FNV-1a over the value's 8 bytes, lowest first, starting from the offset basis xor the seed.</summary>
    public static long Fnv1a(long value, long seed)
    {
        var result = FnvOffsetBasis ^ (ulong)seed;
        var remaining = (ulong)value;
        for (var i = 0; i < 8; i++)
        {
            result = unchecked((result ^ (remaining & 0xFF)) * FnvPrime);
            remaining >>= 8;
        }

        return (long)result;
    }

    /// <summary>MurmurHash2 (64-bit) of one 8-byte block.</summary>
    public static long Murmur2(long value, long seed)
    {
        unchecked
        {
            // The initial state mixes in the input length, 8 bytes.
            var result = (ulong)seed ^ (Murmur2Multiplier * 8);
            var k = (ulong)value;

            k *= Murmur2Multiplier;
            k ^= k >> Murmur2Rotation;
            k *= Murmur2Multiplier;

            result ^= k;
            result *= Murmur2Multiplier;

            result ^= result >> Murmur2Rotation;
            result *= Murmur2Multiplier;
            result ^= result >> Murmur2Rotation;
            return (long)result;
        }
    }
}
