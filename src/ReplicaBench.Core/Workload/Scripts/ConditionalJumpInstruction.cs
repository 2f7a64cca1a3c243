namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// <c>\if</c> or <c>\elif</c>: evaluate <paramref name="Condition"/> (see <see cref="ScriptValue.IsTrue"/>); when it
/// is false continue at <paramref name="JumpIfFalse"/>, an index into <see cref="PgbenchScript.Instructions"/> that
/// may equal its count (the end of the script). When it is true, fall through to the next instruction.
/// </summary>
public sealed record ConditionalJumpInstruction(int Line, ScriptExpression Condition, int JumpIfFalse) : ScriptInstruction(Line)
{
    public override int Next(int following, IScriptVariables variables, Random random) =>
        Condition.Evaluate(variables, random).IsTrue ? following : JumpIfFalse;
}
