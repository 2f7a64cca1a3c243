namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// <c>a and b</c> / <c>a or b</c>, evaluated lazily as pgbench does: a NULL left side gives NULL without evaluating
/// the right; a deciding left side (false for and, true for or) gives it without evaluating the right; otherwise the
/// result is the right side (NULL or boolean). Both sides must be booleans.
/// </summary>
internal sealed class LogicalExpression(bool isAnd, ScriptExpression left, ScriptExpression right, ScriptPosition position)
    : ScriptExpression(position)
{
    public bool IsAnd { get; } = isAnd;

    public override ScriptValue Evaluate(IScriptVariables variables, Random random)
    {
        var first = left.Evaluate(variables, random);
        if (first.IsNull)
        {
            return ScriptValue.Null;
        }

        // "and" is decided by a false left side, "or" by a true one.
        if (ValueCoercion.ToBoolean(first, Position) != IsAnd)
        {
            return first;
        }

        var second = right.Evaluate(variables, random);
        return second.IsNull ? ScriptValue.Null : ScriptValue.FromBoolean(ValueCoercion.ToBoolean(second, Position));
    }

    internal override void CollectVariables(ISet<string> into)
    {
        left.CollectVariables(into);
        right.CollectVariables(into);
    }

    public override string ToString() => $"({left} {(IsAnd ? "and" : "or")} {right})";
}
