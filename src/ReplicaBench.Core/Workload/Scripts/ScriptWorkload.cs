using ReplicaBench.Engine;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A run's pgbench-style scripts (<c>load --script FILE[@WEIGHT]</c>): each one operation type named
/// after its file, read or write as its statements say, drawn by weight as <c>pgbench -f file@w</c>
/// draws them, with the variables every client starts from.
/// </summary>
public sealed class ScriptWorkload
{
    /// <summary>The scenario name such runs record.</summary>
    public const string ScenarioName = "script";

    /// <summary>pgbench's per-client variable: the client's number, from 0.</summary>
    public const string ClientIdVariable = "client_id";

    /// <summary>pgbench's seeds of <c>hash()</c> and <c>permute()</c> without an explicit seed, and of its random generator.</summary>
    public static readonly IReadOnlyList<string> SeedVariables = ["default_seed", "random_seed"];

    /// <summary>pgbench's scale variable: <c>--define scale=N</c>, else the row count of <c>pgbench_branches</c>, else 1.</summary>
    public const string ScaleVariable = "scale";

    private readonly long[] _cumulativeWeights;

    /// <param name="scripts">The parsed scripts, in the order given.</param>
    /// <param name="defines">The run's <c>--define NAME=VALUE</c>s (pgbench's <c>-D</c>); a <c>scale</c> among them wins over the measured one.</param>
    public ScriptWorkload(IReadOnlyList<PgbenchScript> scripts, IReadOnlyDictionary<string, ScriptValue> defines)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        ArgumentNullException.ThrowIfNull(defines);
        if (scripts.Count == 0)
        {
            throw new BadInputException("no script given; name one or more with --script FILE[@WEIGHT].");
        }

        if (scripts.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new BadInputException(
                $"two scripts are named '{twice.Key}' ({string.Join(", ", twice.Select(s => s.Source))}); each script is an operation type named after its file, so rename one.");
        }

        foreach (var script in scripts)
        {
            var undefined = script.UndefinedVariables(new HashSet<string>(defines.Keys.Append(ClientIdVariable).Append(ScaleVariable).Concat(SeedVariables), StringComparer.Ordinal));
            if (undefined.Count > 0)
            {
                throw new BadInputException(
                    $"{script.Source}: variable \"{undefined.First()}\" is used before any \\set gives it a value; set it in the script, or define it with --define {undefined.First()}=VALUE.");
            }
        }

        Scripts = scripts;
        Defines = defines;
        var total = 0L;
        _cumulativeWeights = [.. scripts.Select(s => total += s.Weight)];
        Operations = [.. scripts.Select(s => new OperationDefinition(s.Name, s.Access == ScriptAccess.Read ? OperationKind.Read : OperationKind.Write))];
    }

    public IReadOnlyList<PgbenchScript> Scripts { get; }

    /// <summary>The run's <c>:default_seed</c> and <c>:random_seed</c> unless defined or given by --random-seed: drawn once per run, as pgbench draws it.</summary>
    public long RunSeed { get; } = Random.Shared.NextInt64();

    /// <summary>The run's <c>--define</c>s.</summary>
    public IReadOnlyDictionary<string, ScriptValue> Defines { get; }

    /// <summary>True when some script uses <c>:scale</c> and no <c>--define</c> gives it: the run then measures it (<see cref="ScriptScale"/>).</summary>
    public bool NeedsScale => !Defines.ContainsKey(ScaleVariable) && Scripts.Any(s => s.VariablesUsed.Contains(ScaleVariable));

    /// <summary>The variables every client of a cell starts with: the defines, and <c>scale</c> unless defined; <c>client_id</c> is added per client.</summary>
    /// <param name="scale">The measured scale, used unless a define gives one.</param>
    /// <param name="seed">The run's <c>--random-seed</c>, or null for <see cref="RunSeed"/>.</param>
    public IReadOnlyDictionary<string, ScriptValue> VariablesFor(long scale, int? seed = null)
    {
        var variables = new Dictionary<string, ScriptValue>(Defines, StringComparer.Ordinal);
        variables.TryAdd(ScaleVariable, ScriptValue.FromInt64(scale));

        // One seed for the run, the same for every client, as pgbench draws it once per run.
        foreach (var name in SeedVariables)
        {
            variables.TryAdd(name, ScriptValue.FromInt64(seed ?? RunSeed));
        }

        return variables;
    }

    /// <summary>The operation types the run reports: one per script, in the order given.</summary>
    public IReadOnlyList<OperationDefinition> Operations { get; }

    /// <summary>
    /// One client's own variables, as pgbench keeps them (set by <c>\set</c> and <c>\gset</c>, kept from
    /// one script run to the next): the cell's <paramref name="variables"/> and <c>client_id</c>.
    /// </summary>
    public static ScriptVariables ClientVariables(IReadOnlyDictionary<string, ScriptValue> variables, int clientId)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var own = new ScriptVariables();
        foreach (var (name, value) in variables)
        {
            own.Set(name, value);
        }

        return own.Set(ClientIdVariable, ScriptValue.FromInt64(clientId));
    }

    /// <summary>The index of the script to run for a draw of <paramref name="random"/>, each with a chance of its weight over the total.</summary>
    public int Draw(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_cumulativeWeights.Length == 1)
        {
            return 0;
        }

        // A handful of scripts: a linear scan of the running totals is as quick as anything.
        var roll = random.NextInt64(_cumulativeWeights[^1]);
        var index = 0;
        while (roll >= _cumulativeWeights[index])
        {
            index++;
        }

        return index;
    }

    /// <summary>"select-only (read, weight 1), tpcb-like (write, weight 3)": the scripts as the run's output names them.</summary>
    public override string ToString() =>
        string.Join(", ", Scripts.Select(s => $"{s.Name} ({(s.Access == ScriptAccess.Read ? "read" : "write")}, weight {s.Weight})"));
}
