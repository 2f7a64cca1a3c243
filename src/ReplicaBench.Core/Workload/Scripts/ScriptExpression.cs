namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A parsed pgbench expression (the right-hand side of <c>\set</c>, the condition of <c>\if</c>/<c>\elif</c>).
/// Build one with <see cref="ScriptExpressionParser.Parse(string, string, int)"/>; evaluate it once per run with that client's variables
/// and random generator.
/// </summary>
/// <remarks>
/// Each node remembers the script line it came from so that a runtime error (division by zero, an undefined
/// variable, …) can name it; the constructor is not public because nodes are only made by the parser.
/// </remarks>
public abstract class ScriptExpression
{
    private IReadOnlySet<string>? _variables;

    private protected ScriptExpression(ScriptPosition position)
    {
        Position = position;
    }

    /// <summary>Every variable the expression reads, including the implicit <c>default_seed</c> of one-argument <c>hash()</c>.</summary>
    public IReadOnlySet<string> Variables => _variables ??= CollectVariables();

    internal ScriptPosition Position { get; }

    /// <summary>
    /// Evaluates the expression. Throws <see cref="ScriptRuntimeException"/> (one line, <c>source:LINE:</c> first)
    /// for the errors pgbench aborts a client on.
    /// </summary>
    public abstract ScriptValue Evaluate(IScriptVariables variables, Random random);

    internal abstract void CollectVariables(ISet<string> into);

    private HashSet<string> CollectVariables()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        CollectVariables(names);
        return names;
    }
}
