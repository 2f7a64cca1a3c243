namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// An operator or function call. All arguments are evaluated first; if any is NULL the result is NULL, except for
/// <c>IS</c> and <c>debug()</c> — the same rule as pgbench's standard functions.
/// </summary>
internal sealed class FunctionExpression(ScriptFunction function, string name, IReadOnlyList<ScriptExpression> arguments, ScriptPosition position)
    : ScriptExpression(position)
{
    public ScriptFunction Function { get; } = function;

    public string Name { get; } = name;

    public IReadOnlyList<ScriptExpression> Arguments { get; } = arguments;

    public override ScriptValue Evaluate(IScriptVariables variables, Random random)
    {
        var values = new ScriptValue[Arguments.Count];
        var hasNull = false;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Arguments[i].Evaluate(variables, random);
            hasNull |= values[i].IsNull;
        }

        if (hasNull && Function is not (ScriptFunction.Is or ScriptFunction.Debug))
        {
            return ScriptValue.Null;
        }

        return OperatorEvaluator.Handles(Function)
            ? OperatorEvaluator.Evaluate(Function, values, Position)
            : FunctionEvaluator.Evaluate(Function, values, random, Position);
    }

    internal override void CollectVariables(ISet<string> into)
    {
        foreach (var argument in Arguments)
        {
            argument.CollectVariables(into);
        }
    }

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}
