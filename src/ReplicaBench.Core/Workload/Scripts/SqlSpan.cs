namespace ReplicaBench.Workload.Scripts;

/// <summary>A stretch of SQL text [<see cref="Start"/>, <see cref="End"/>); <see cref="Unterminated"/> when a quote or comment runs to the end of the text.</summary>
internal readonly record struct SqlSpan(SqlSpanKind Kind, int Start, int Length, bool Unterminated = false)
{
    public int End => Start + Length;
}
