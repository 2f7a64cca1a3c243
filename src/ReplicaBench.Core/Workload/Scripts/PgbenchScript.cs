namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A parsed pgbench custom script: a flat instruction list with <c>\if</c> blocks already resolved to jumps, its
/// weight among the scripts of a run, and what the load engine needs to know before running it — whether it only
/// reads (<see cref="Access"/>), whether it manages its own transaction, and which variables it uses.
/// </summary>
/// <remarks>Made by <see cref="PgbenchScriptParser"/>; immutable, so one instance can serve every client.</remarks>
public sealed class PgbenchScript
{
    internal PgbenchScript(string name, string source, int weight, IReadOnlyList<ScriptInstruction> instructions, ScriptAccess? accessOverride)
    {
        Name = name;
        Source = source;
        Weight = weight;
        Instructions = instructions;

        var statements = instructions.OfType<SqlInstruction>().ToList();
        SqlCommandCount = statements.Count;
        var (access, hasTransaction) = SqlStatementClassifier.ClassifyScript(statements.Select(s => s.Text));
        Access = accessOverride ?? access;
        HasExplicitTransaction = hasTransaction;

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var instruction in instructions)
        {
            used.UnionWith(Reads(instruction));
        }

        VariablesUsed = used;
    }

    /// <summary>The script's name, e.g. <c>select-only</c> for <c>select-only.sql</c>: results are reported under it.</summary>
    public string Name { get; }

    /// <summary>The path or label it was parsed from; messages start with it.</summary>
    public string Source { get; }

    /// <summary>From <c>FILE@WEIGHT</c>, 1 by default: the script runs in proportion to its weight among a run's scripts.</summary>
    public int Weight { get; }

    public IReadOnlyList<ScriptInstruction> Instructions { get; }

    /// <summary>
    /// Read when every statement only reads (or runs in a READ ONLY transaction), else Write; a
    /// <c>-- replicabench: read|write</c> comment in the script overrides the guess.
    /// </summary>
    public ScriptAccess Access { get; }

    /// <summary>True when the script has both a BEGIN/START TRANSACTION and a COMMIT/END/ROLLBACK of its own.</summary>
    public bool HasExplicitTransaction { get; }

    public int SqlCommandCount { get; }

    /// <summary>Every variable referenced anywhere as <c>:name</c> (SQL, expressions, <c>\sleep</c>); not the targets of <c>\set</c>.</summary>
    public IReadOnlySet<string> VariablesUsed { get; }

    /// <summary>
    /// The variables read before any command could have set them, in the order first read, given the
    /// <paramref name="predefined"/> ones (e.g. <c>scale</c>, <c>client_id</c>, <c>random_seed</c>,
    /// <c>default_seed</c>): a run can refuse the script before it starts instead of aborting every client.
    /// </summary>
    /// <remarks>
    /// Commands are taken in script order, both branches of an <c>\if</c> counting as run. Column names of a
    /// <c>\gset</c> are not known before the query runs, so after <c>\gset PREFIX</c> any name starting with PREFIX
    /// counts as set (after a plain <c>\gset</c>, every name).
    /// </remarks>
    public IReadOnlyList<string> UndefinedVariables(IReadOnlySet<string> predefined)
    {
        ArgumentNullException.ThrowIfNull(predefined);
        var defined = new HashSet<string>(predefined, StringComparer.Ordinal);
        var gsetPrefixes = new List<string>();
        var undefined = new List<string>();
        foreach (var instruction in Instructions)
        {
            foreach (var name in Reads(instruction))
            {
                var isSet = defined.Contains(name) || gsetPrefixes.Exists(p => name.StartsWith(p, StringComparison.Ordinal));
                if (!isSet && !undefined.Contains(name))
                {
                    undefined.Add(name);
                }
            }

            switch (instruction)
            {
                case SetInstruction set:
                    defined.Add(set.Variable);
                    break;
                case SqlInstruction { GsetPrefix: { } prefix }:
                    gsetPrefixes.Add(prefix);
                    break;
            }
        }

        return undefined;
    }

    public override string ToString() => $"{Name} ({Source}, weight {Weight}, {Access})";

    private static IEnumerable<string> Reads(ScriptInstruction instruction) => instruction switch
    {
        SqlInstruction sql => sql.Parameters,
        SetInstruction set => set.Value.Variables,
        ConditionalJumpInstruction jump => jump.Condition.Variables,
        SleepInstruction { Variable: { } variable } => [variable],
        _ => [],
    };
}
