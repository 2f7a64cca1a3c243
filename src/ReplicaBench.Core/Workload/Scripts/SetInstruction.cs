namespace ReplicaBench.Workload.Scripts;

/// <summary><c>\set Variable expression</c>: evaluate <paramref name="Value"/> and store it in <paramref name="Variable"/>.</summary>
public sealed record SetInstruction(int Line, string Variable, ScriptExpression Value) : ScriptInstruction(Line);
