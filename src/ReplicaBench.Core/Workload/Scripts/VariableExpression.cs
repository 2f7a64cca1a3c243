namespace ReplicaBench.Workload.Scripts;

/// <summary><c>:name</c>: reads a variable, failing as pgbench does when it is undefined or holds text that is not a value.</summary>
internal sealed class VariableExpression(string name, ScriptPosition position) : ScriptExpression(position)
{
    public string Name { get; } = name;

    public override ScriptValue Evaluate(IScriptVariables variables, Random random)
    {
        if (!variables.TryGet(Name, out var value))
        {
            throw Position.RuntimeError($"undefined variable \"{Name}\"");
        }

        return value.Kind == ScriptValueKind.Text
            ? throw Position.RuntimeError($"malformed variable \"{Name}\" value: \"{OneLine(value.ToString())}\"")
            : value.WithoutText();
    }

    internal override void CollectVariables(ISet<string> into) => into.Add(Name);

    public override string ToString() => ":" + Name;

    // Query results can hold newlines; messages must stay one line.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
