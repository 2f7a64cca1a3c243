namespace ReplicaBench.Reporting.Compare;

/// <summary>
/// The regularized incomplete beta function and its inverse: the one special function behind both
/// Student's t quantile (repeat means) and the Clopper–Pearson bounds (counts of rare events).
/// No statistics package is referenced for these two uses.
/// </summary>
internal static class SpecialFunctions
{
    private const double Tiny = 1e-300;
    private const double Epsilon = 1e-15;

    // Lanczos approximation (g = 7, 9 terms): about 15 significant digits for x > 0.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection keeps the series in its accurate range.
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>I_x(a, b) for a, b &gt; 0 and x in [0, 1].</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        // The continued fraction converges fast only on one side of the mean; use the symmetry on the other.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>The x with I_x(a, b) = p, by bisection (I is increasing in x): exact to about 1e-15.</summary>
    public static double InverseRegularizedIncompleteBeta(double a, double b, double p)
    {
        double low = 0, high = 1;
        for (var i = 0; i < 200 && high - low > 1e-16; i++)
        {
            var middle = (low + high) / 2;
            if (RegularizedIncompleteBeta(a, b, middle) < p)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    // Modified Lentz evaluation of the incomplete beta's continued fraction. Iterations grow with
    // √max(a, b), so counts in the millions need a few thousand; the cap is far above that.
    private static double ContinuedFraction(double a, double b, double x)
    {
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = Clamp(1 - (qab * x / qap));
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 1_000_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 / Clamp(1 + (aa * d));
            c = Clamp(1 + (aa / c));
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 / Clamp(1 + (aa * d));
            c = Clamp(1 + (aa / c));
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        return h;
    }

    private static double Clamp(double value) => Math.Abs(value) < Tiny ? Tiny : value;
}
