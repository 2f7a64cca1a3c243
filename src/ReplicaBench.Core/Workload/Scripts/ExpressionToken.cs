namespace ReplicaBench.Workload.Scripts;

/// <summary>One token of an expression; <see cref="Column"/> is 1-based within the expression text, for messages.</summary>
internal readonly record struct ExpressionToken(ExpressionTokenKind Kind, int Column, string Text, long Integer = 0, double Double = 0)
{
    /// <summary>How a message names the token: the end, or its text in quotes.</summary>
    public string Describe() => Kind == ExpressionTokenKind.End ? "the end of the expression" : $"\"{Text}\"";
}
