namespace ReplicaBench.Workload.Scripts;

/// <summary>The named functions (everything that is not an operator), with pgbench's argument types and errors.</summary>
internal static class FunctionEvaluator
{
    public static ScriptValue Evaluate(ScriptFunction function, ScriptValue[] arguments, Random random, ScriptPosition position)
    {
        switch (function)
        {
            case ScriptFunction.Pi:
                return ScriptValue.FromDouble(Math.PI);

            // debug() prints to stderr in pgbench; here it only passes its argument through, NULL included.
            case ScriptFunction.Debug:
                return arguments[0];
            case ScriptFunction.Abs:
                return Abs(arguments[0]);
            case ScriptFunction.Sqrt:
                return ScriptValue.FromDouble(Math.Sqrt(ValueCoercion.ToDouble(arguments[0], position)));
            case ScriptFunction.Ln:
                return ScriptValue.FromDouble(Math.Log(ValueCoercion.ToDouble(arguments[0], position)));
            case ScriptFunction.Exp:
                return ScriptValue.FromDouble(Math.Exp(ValueCoercion.ToDouble(arguments[0], position)));
            case ScriptFunction.Double:
                return ScriptValue.FromDouble(ValueCoercion.ToDouble(arguments[0], position));
            case ScriptFunction.Int:
                return ScriptValue.FromInt64(ValueCoercion.ToInt64(arguments[0], position));
            case ScriptFunction.Pow:
                return ScriptValue.FromDouble(Math.Pow(ValueCoercion.ToDouble(arguments[0], position), ValueCoercion.ToDouble(arguments[1], position)));
            case ScriptFunction.Least:
            case ScriptFunction.Greatest:
                return Extremum(function == ScriptFunction.Greatest, arguments, position);
            case ScriptFunction.HashMurmur2:
                return ScriptValue.FromInt64(HashFunctions.Murmur2(ValueCoercion.ToInt64(arguments[0], position), ValueCoercion.ToInt64(arguments[1], position)));
            case ScriptFunction.HashFnv1a:
                return ScriptValue.FromInt64(HashFunctions.Fnv1a(ValueCoercion.ToInt64(arguments[0], position), ValueCoercion.ToInt64(arguments[1], position)));
            case ScriptFunction.Permute:
                return Permute(arguments, position);
            default:
                return RandomFunction(function, arguments, random, position);
        }
    }

    // pgbench negates without an overflow check, so abs of the smallest bigint stays negative; keep that.
    private static ScriptValue Abs(ScriptValue value) => value.Kind == ScriptValueKind.Integer
        ? ScriptValue.FromInt64(value.TryAsInt64(out var i) && i < 0 ? unchecked(-i) : i)
        : ScriptValue.FromDouble(Math.Abs(value.AsDouble()));

    private static ScriptValue Extremum(bool greatest, ScriptValue[] arguments, ScriptPosition position)
    {
        // The result is a double as soon as one argument is; otherwise all must be integers.
        if (arguments.Any(a => a.Kind == ScriptValueKind.Double))
        {
            var best = ValueCoercion.ToDouble(arguments[0], position);
            foreach (var argument in arguments.Skip(1))
            {
                var value = ValueCoercion.ToDouble(argument, position);
                best = greatest ? Math.Max(best, value) : Math.Min(best, value);
            }

            return ScriptValue.FromDouble(best);
        }

        var extremum = ValueCoercion.ToInt64(arguments[0], position);
        foreach (var argument in arguments.Skip(1))
        {
            var value = ValueCoercion.ToInt64(argument, position);
            extremum = greatest ? Math.Max(extremum, value) : Math.Min(extremum, value);
        }

        return ScriptValue.FromInt64(extremum);
    }

    private static ScriptValue Permute(ScriptValue[] arguments, ScriptPosition position)
    {
        var value = ValueCoercion.ToInt64(arguments[0], position);
        var size = ValueCoercion.ToInt64(arguments[1], position);
        var seed = ValueCoercion.ToInt64(arguments[2], position);
        return size <= 0
            ? throw position.RuntimeError("permute size parameter must be greater than zero")
            : ScriptValue.FromInt64(PermuteFunction.Permute(value, size, seed));
    }

    private static ScriptValue RandomFunction(ScriptFunction function, ScriptValue[] arguments, Random random, ScriptPosition position)
    {
        var min = ValueCoercion.ToInt64(arguments[0], position);
        var max = ValueCoercion.ToInt64(arguments[1], position);
        if (min > max)
        {
            throw position.RuntimeError("empty range given to random");
        }

        // The draws compute max - min + 1; pgbench refuses ranges where that overflows.
        if (unchecked(max - min) is < 0 or long.MaxValue)
        {
            throw position.RuntimeError("random range is too large");
        }

        if (function == ScriptFunction.Random)
        {
            return ScriptValue.FromInt64(RandomDistributions.Uniform(random, min, max));
        }

        var parameter = ValueCoercion.ToDouble(arguments[2], position);
        switch (function)
        {
            case ScriptFunction.RandomGaussian:
                return parameter < RandomDistributions.MinGaussianParameter
                    ? throw position.RuntimeError($"gaussian parameter must be at least {ValueCoercion.Format(RandomDistributions.MinGaussianParameter)} (not {ValueCoercion.Format(parameter)})")
                    : ScriptValue.FromInt64(RandomDistributions.Gaussian(random, min, max, parameter));
            case ScriptFunction.RandomZipfian:
                return parameter is < RandomDistributions.MinZipfianParameter or > RandomDistributions.MaxZipfianParameter or double.NaN
                    ? throw position.RuntimeError($"zipfian parameter must be in range [1.001, 1000] (not {ValueCoercion.Format(parameter)})")
                    : ScriptValue.FromInt64(RandomDistributions.Zipfian(random, min, max, parameter));
            default:
                return parameter is <= 0.0 or double.NaN
                    ? throw position.RuntimeError($"exponential parameter must be greater than zero (not {ValueCoercion.Format(parameter)})")
                    : ScriptValue.FromInt64(RandomDistributions.Exponential(random, min, max, parameter));
        }
    }
}
