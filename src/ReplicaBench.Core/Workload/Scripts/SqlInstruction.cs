namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// An SQL statement. <paramref name="Text"/> is the statement as written (without its trailing <c>;</c>);
/// <paramref name="ParameterizedText"/> has every <c>:variable</c> replaced by <c>$1</c>, <c>$2</c>, … (the same
/// variable twice reuses its number) and <paramref name="Parameters"/> names the variables in <c>$</c> order, so the
/// statement can be prepared once and bound per run instead of re-parsed. <paramref name="GsetPrefix"/> is non-null
/// when a <c>\gset [prefix]</c> follows: the single result row's columns become variables named prefix + column
/// (the prefix may be "").
/// </summary>
public sealed record SqlInstruction(int Line, string Text, string ParameterizedText, IReadOnlyList<string> Parameters, string? GsetPrefix)
    : ScriptInstruction(Line);
