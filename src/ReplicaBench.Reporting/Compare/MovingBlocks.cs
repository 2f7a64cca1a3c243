namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The moving-block bootstrap's resampling (Künsch 1989): a run's seconds are not independent
/// (a slow second tends to follow a slow second), so it redraws runs of consecutive seconds —
/// blocks of length n^(1/3), overlapping, starts drawn uniformly with replacement — until it has
/// as many seconds as the run. Resampling single seconds would understate the noise.
/// </summary>
internal static class MovingBlocks
{
    /// <summary>The block length for <paramref name="count"/> intervals: round(n^(1/3)), at least 1 (3 for 30 s, 5 for 2 min).</summary>
    public static int Length(int count) => Math.Max(1, (int)Math.Round(Math.Cbrt(count)));

    /// <summary>Fills <paramref name="chosen"/> (its length is the run's interval count) with one resample's interval indexes.</summary>
    public static void Draw(Random random, int blockLength, Span<int> chosen)
    {
        ArgumentNullException.ThrowIfNull(random);
        var count = chosen.Length;
        var filled = 0;
        while (filled < count)
        {
            var start = random.Next(count - blockLength + 1);
            for (var i = 0; i < blockLength && filled < count; i++)
            {
                chosen[filled++] = start + i;
            }
        }
    }
}
