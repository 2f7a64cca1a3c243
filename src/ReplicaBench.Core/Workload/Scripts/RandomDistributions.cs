namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// pgbench's random draws over an inclusive integer range [min, max], driven by the caller's <see cref="Random"/>
/// (so a seeded generator gives a repeatable run). The algorithms follow pgbench's documentation and source so that
/// a script's distribution matches what pgbench itself would draw; the individual numbers differ (other generator).
/// </summary>
/// <remarks>The caller has checked min &lt;= max, that max - min + 1 fits a bigint, and the parameter's range.</remarks>
internal static class RandomDistributions
{
    public const double MinGaussianParameter = 2.0;
    public const double MinZipfianParameter = 1.001;
    public const double MaxZipfianParameter = 1000.0;

    public static long Uniform(Random random, long min, long max) => min + random.NextInt64(max - min + 1);

    /// <summary>
    /// Exponential: a value is drawn from the exponential distribution with rate <paramref name="parameter"/>, cut
    /// off at 1 and scaled onto the range, so value <c>min + k</c> has probability
    /// <c>(e^(-p·k/n) - e^(-p·(k+1)/n)) / (1 - e^(-p))</c> with n = max - min + 1.
    /// </summary>
    public static long Exponential(Random random, long min, long max, double parameter)
    {
        var cut = Math.Exp(-parameter);

        // NextDouble is in [0, 1); 1 - it is in (0, 1], keeping the logarithm finite.
        var uniform = 1.0 - random.NextDouble();
        var fraction = -Math.Log(cut + ((1.0 - cut) * uniform)) / parameter;
        return min + (long)((max - min + 1) * fraction);
    }

    /// <summary>
    /// Gaussian: a standard normal draw, redrawn until it lies in [-parameter, parameter), then scaled onto the
    /// range, so the mean is the middle of the range and about 67% of draws fall within 1/parameter of it.
    /// </summary>
    public static long Gaussian(Random random, long min, long max, double parameter)
    {
        double deviation;
        do
        {
            deviation = StandardNormal(random);
        }
        while (deviation < -parameter || deviation >= parameter);

        var fraction = (deviation + parameter) / (parameter * 2.0);
        return min + (long)((max - min + 1) * fraction);
    }

    /// <summary>
    /// Zipfian with exponent <paramref name="s"/> &gt; 1: value <c>min + k - 1</c> has probability proportional to
    /// <c>1 / k^s</c>. Drawn with the rejection method of Devroye ("Non-Uniform Random Variate Generation",
    /// p. 550-551), as pgbench does, which needs no precomputed table however large the range.
    /// </summary>
    public static long Zipfian(Random random, long min, long max, double s)
    {
        var n = max - min + 1;
        return min - 1 + IterativeZipfian(random, n, s);
    }

    private static long IterativeZipfian(Random random, long n, double s)
    {
        if (n <= 1)
        {
            return 1;
        }

        var b = Math.Pow(2.0, s - 1.0);
        while (true)
        {
            var u = random.NextDouble();
            var v = random.NextDouble();
            var x = Math.Floor(Math.Pow(u, -1.0 / (s - 1.0)));
            var t = Math.Pow(1.0 + (1.0 / x), s - 1.0);

            // Accept with the ratio of the target to the envelope density, and only inside the range; u = 0 gives an
            // infinite x, which the bound rejects.
            if (v * x * (t - 1.0) / (b - 1.0) <= t / b && x <= n)
            {
                return (long)x;
            }
        }
    }

    // Box-Muller, as pg_prng_double_normal: 1 - NextDouble() is in (0, 1] so the logarithm is finite.
    private static double StandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Sin(2.0 * Math.PI * u2);
    }
}
