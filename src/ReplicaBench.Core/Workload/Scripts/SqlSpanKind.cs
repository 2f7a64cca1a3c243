namespace ReplicaBench.Workload.Scripts;

/// <summary>What a stretch of SQL text is, as far as splitting statements, finding variables and classifying need to know.</summary>
internal enum SqlSpanKind
{
    Whitespace,
    LineComment,
    BlockComment,

    /// <summary>'…', E'…' (backslash escapes) — the E is part of the span.</summary>
    String,

    /// <summary>"…": an identifier, never a keyword.</summary>
    QuotedIdentifier,

    /// <summary>$$…$$ or $tag$…$tag$.</summary>
    DollarQuoted,
    Word,
    Number,

    /// <summary>$1, $2, …: a positional parameter written by hand.</summary>
    Positional,

    /// <summary>:name — a pgbench variable.</summary>
    Variable,

    /// <summary>:'name' or :"name" — psql's quoted variables, which pgbench does not have.</summary>
    QuotedVariable,

    /// <summary>Two or more colons, e.g. the :: of a cast.</summary>
    Colons,
    Semicolon,

    /// <summary>A backslash: in pgbench it ends the SQL command and starts a meta-command.</summary>
    Backslash,

    /// <summary>Any other single character: operators, parentheses, commas.</summary>
    Symbol,
}
