namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// An unconditional jump to <paramref name="Target"/> (an index into <see cref="PgbenchScript.Instructions"/>, which
/// may equal its count): emitted at <c>\elif</c> and <c>\else</c> so that the end of a taken branch skips the others.
/// </summary>
public sealed record JumpInstruction(int Line, int Target) : ScriptInstruction(Line)
{
    public override int Next(int following, IScriptVariables variables, Random random) => Target;
}
