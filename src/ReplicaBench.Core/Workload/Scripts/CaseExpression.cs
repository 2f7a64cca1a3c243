namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// <c>CASE WHEN c THEN e [WHEN …] [ELSE e] END</c>: the first condition that is true (<see cref="ScriptValue.IsTrue"/>,
/// so NULL and 0 are false) picks its branch; no match gives the ELSE branch or NULL. Only the chosen branch is
/// evaluated, which is what makes <c>CASE WHEN :x &lt;&gt; 0 THEN :y / :x END</c> safe.
/// </summary>
internal sealed class CaseExpression(IReadOnlyList<(ScriptExpression When, ScriptExpression Then)> branches, ScriptExpression? otherwise, ScriptPosition position)
    : ScriptExpression(position)
{
    public override ScriptValue Evaluate(IScriptVariables variables, Random random)
    {
        foreach (var (when, then) in branches)
        {
            if (when.Evaluate(variables, random).IsTrue)
            {
                return then.Evaluate(variables, random);
            }
        }

        return otherwise?.Evaluate(variables, random) ?? ScriptValue.Null;
    }

    internal override void CollectVariables(ISet<string> into)
    {
        foreach (var (when, then) in branches)
        {
            when.CollectVariables(into);
            then.CollectVariables(into);
        }

        otherwise?.CollectVariables(into);
    }

    public override string ToString() =>
        $"CASE {string.Join(" ", branches.Select(b => $"WHEN {b.When} THEN {b.Then}"))}{(otherwise is null ? "" : $" ELSE {otherwise}")} END";
}
