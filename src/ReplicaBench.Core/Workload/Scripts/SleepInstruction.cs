namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// <c>\sleep N [us|ms|s]</c>. Either <paramref name="Amount"/> (an integer literal) or <paramref name="Variable"/>
/// (a <c>:variable</c> read when the sleep runs) is set; the sleep lasts that many units of
/// <paramref name="MicrosecondsPerUnit"/> (1 for us, 1000 for ms, 1 000 000 for s, the default).
/// </summary>
public sealed record SleepInstruction(int Line, long? Amount, string? Variable, long MicrosecondsPerUnit) : ScriptInstruction(Line);
