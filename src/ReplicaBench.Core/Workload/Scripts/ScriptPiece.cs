namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A piece of script text: an SQL statement (its text, parameterized text and variables) or a meta-command line
/// (the text after the backslash up to the end of the line, continuation lines joined).
/// </summary>
internal sealed record ScriptPiece(bool IsMeta, int Line, string Text, string ParameterizedText, IReadOnlyList<string> Parameters);
