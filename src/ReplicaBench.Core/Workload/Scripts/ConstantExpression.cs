namespace ReplicaBench.Workload.Scripts;

/// <summary>A literal: an integer, a double, true/false or NULL.</summary>
internal sealed class ConstantExpression(ScriptValue value, ScriptPosition position) : ScriptExpression(position)
{
    public ScriptValue Value { get; } = value;

    public override ScriptValue Evaluate(IScriptVariables variables, Random random) => Value;

    internal override void CollectVariables(ISet<string> into)
    {
    }

    public override string ToString() => Value.ToString();
}
