namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// One step of a parsed pgbench script. <paramref name="Line"/> is the 1-based line it starts on, so that
/// runtime errors can point at the script text the user wrote.
/// </summary>
public abstract record ScriptInstruction(int Line);
