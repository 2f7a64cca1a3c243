namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// One step of a parsed pgbench script. <paramref name="Line"/> is the 1-based line it starts on, so that
/// runtime errors can point at the script text the user wrote.
/// </summary>
public abstract record ScriptInstruction(int Line)
{
    /// <summary>
    /// The index of the instruction to run after this one, which sits at <paramref name="following"/> − 1:
    /// the next one, except where a jump says otherwise (<see cref="ConditionalJumpInstruction"/>,
    /// <see cref="JumpInstruction"/>). It may equal the instruction count: the end of the script.
    /// </summary>
    public virtual int Next(int following, IScriptVariables variables, Random random) => following;
}
