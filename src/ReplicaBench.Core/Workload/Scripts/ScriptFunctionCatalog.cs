namespace ReplicaBench.Workload.Scripts;

/// <summary>The functions a script may call by name, with the argument counts pgbench checks when it parses the script.</summary>
internal static class ScriptFunctionCatalog
{
    /// <summary>The variable pgbench passes as the seed when <c>hash()</c>/<c>permute()</c> are called without one.</summary>
    public const string DefaultSeedVariable = "default_seed";

    private static readonly Dictionary<string, (ScriptFunction Function, int MinArguments, int MaxArguments)> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["abs"] = (ScriptFunction.Abs, 1, 1),
        ["least"] = (ScriptFunction.Least, 1, int.MaxValue),
        ["greatest"] = (ScriptFunction.Greatest, 1, int.MaxValue),
        ["debug"] = (ScriptFunction.Debug, 1, 1),
        ["pi"] = (ScriptFunction.Pi, 0, 0),
        ["sqrt"] = (ScriptFunction.Sqrt, 1, 1),
        ["ln"] = (ScriptFunction.Ln, 1, 1),
        ["exp"] = (ScriptFunction.Exp, 1, 1),
        ["int"] = (ScriptFunction.Int, 1, 1),
        ["double"] = (ScriptFunction.Double, 1, 1),
        ["mod"] = (ScriptFunction.Modulo, 2, 2),
        ["pow"] = (ScriptFunction.Pow, 2, 2),
        ["power"] = (ScriptFunction.Pow, 2, 2),
        ["random"] = (ScriptFunction.Random, 2, 2),
        ["random_gaussian"] = (ScriptFunction.RandomGaussian, 3, 3),
        ["random_exponential"] = (ScriptFunction.RandomExponential, 3, 3),
        ["random_zipfian"] = (ScriptFunction.RandomZipfian, 3, 3),

        // The seed is optional; without it the parser adds :default_seed, as pgbench does.
        ["hash"] = (ScriptFunction.HashMurmur2, 1, 2),
        ["hash_murmur2"] = (ScriptFunction.HashMurmur2, 1, 2),
        ["hash_fnv1a"] = (ScriptFunction.HashFnv1a, 1, 2),
        ["permute"] = (ScriptFunction.Permute, 2, 3),
    };

    public static bool TryFind(string name, out ScriptFunction function, out int minArguments, out int maxArguments)
    {
        if (Functions.TryGetValue(name, out var entry))
        {
            (function, minArguments, maxArguments) = (entry.Function, entry.MinArguments, entry.MaxArguments);
            return true;
        }

        (function, minArguments, maxArguments) = (default, 0, 0);
        return false;
    }

    /// <summary>True for the functions whose last argument is a seed that defaults to <c>:default_seed</c>.</summary>
    public static bool TakesDefaultSeed(ScriptFunction function) =>
        function is ScriptFunction.HashMurmur2 or ScriptFunction.HashFnv1a or ScriptFunction.Permute;
}
