namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A small SQL lexer: just enough of PostgreSQL's lexical rules (comments, nested block comments, '…' with ''
/// escapes, E'…' with backslash escapes, dollar quotes, "identifiers") to know where a statement ends, which colons
/// are pgbench variables and which words are keywords — without being fooled by a ; or :x inside a literal.
/// </summary>
internal static class SqlLexer
{
    /// <summary>The span starting at <paramref name="position"/> (which must be inside <paramref name="text"/>).</summary>
    public static SqlSpan Next(string text, int position)
    {
        var c = text[position];
        var next = position + 1 < text.Length ? text[position + 1] : '\0';
        return c switch
        {
            _ when char.IsWhiteSpace(c) => Run(SqlSpanKind.Whitespace, text, position, char.IsWhiteSpace),
            '-' when next == '-' => LineComment(text, position),
            '/' when next == '*' => BlockComment(text, position),
            '\'' => Quoted(SqlSpanKind.String, text, position, position + 1, '\'', backslashEscapes: false),
            'E' or 'e' when next == '\'' => Quoted(SqlSpanKind.String, text, position, position + 2, '\'', backslashEscapes: true),
            '"' => Quoted(SqlSpanKind.QuotedIdentifier, text, position, position + 1, '"', backslashEscapes: false),
            '$' when char.IsAsciiDigit(next) => Run(SqlSpanKind.Positional, text, position, char.IsAsciiDigit, skip: 1),
            '$' => DollarQuoted(text, position),
            ':' when next == ':' => Run(SqlSpanKind.Colons, text, position, ch => ch == ':'),
            ':' when next is '\'' or '"' => QuotedVariable(text, position, next),
            ':' when ExpressionLexer.IsNameStart(next) => Run(SqlSpanKind.Variable, text, position, ExpressionLexer.IsNameChar, skip: 1),
            ';' => new SqlSpan(SqlSpanKind.Semicolon, position, 1),
            '\\' => new SqlSpan(SqlSpanKind.Backslash, position, 1),
            _ when ExpressionLexer.IsNameStart(c) => Run(SqlSpanKind.Word, text, position, ch => ExpressionLexer.IsNameChar(ch) || ch == '$'),
            _ when char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(next)) => Number(text, position),
            _ => new SqlSpan(SqlSpanKind.Symbol, position, 1),
        };
    }

    /// <summary>True for spans that carry no meaning: whitespace and comments.</summary>
    public static bool IsTrivia(SqlSpanKind kind) =>
        kind is SqlSpanKind.Whitespace or SqlSpanKind.LineComment or SqlSpanKind.BlockComment;

    private static SqlSpan Run(SqlSpanKind kind, string text, int start, Func<char, bool> belongs, int skip = 0)
    {
        var end = start + skip;
        while (end < text.Length && belongs(text[end]))
        {
            end++;
        }

        return new SqlSpan(kind, start, end - start);
    }

    private static SqlSpan LineComment(string text, int start)
    {
        var end = text.IndexOf('\n', start);
        return new SqlSpan(SqlSpanKind.LineComment, start, (end < 0 ? text.Length : end) - start);
    }

    // PostgreSQL block comments nest: /* a /* b */ c */ is one comment.
    private static SqlSpan BlockComment(string text, int start)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length - 1)
        {
            if (text[i] == '/' && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && text[i + 1] == '/')
            {
                depth--;
                i += 2;
                if (depth == 0)
                {
                    return new SqlSpan(SqlSpanKind.BlockComment, start, i - start);
                }
            }
            else
            {
                i++;
            }
        }

        return new SqlSpan(SqlSpanKind.BlockComment, start, text.Length - start, Unterminated: true);
    }

    private static SqlSpan Quoted(SqlSpanKind kind, string text, int start, int bodyStart, char quote, bool backslashEscapes)
    {
        var i = bodyStart;
        while (i < text.Length)
        {
            if (backslashEscapes && text[i] == '\\')
            {
                i += 2;
            }
            else if (text[i] == quote)
            {
                // A doubled quote is an escaped quote, not the end.
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return new SqlSpan(kind, start, i + 1 - start);
            }
            else
            {
                i++;
            }
        }

        return new SqlSpan(kind, start, text.Length - start, Unterminated: true);
    }

    private static SqlSpan DollarQuoted(string text, int start)
    {
        // $tag$ where the tag is empty or a name that does not start with a digit; anything else is a lone $.
        var i = start + 1;
        if (i < text.Length && ExpressionLexer.IsNameStart(text[i]))
        {
            while (i < text.Length && ExpressionLexer.IsNameChar(text[i]))
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] != '$')
        {
            return new SqlSpan(SqlSpanKind.Symbol, start, 1);
        }

        var tag = text[start..(i + 1)];
        var close = text.IndexOf(tag, i + 1, StringComparison.Ordinal);
        return close < 0
            ? new SqlSpan(SqlSpanKind.DollarQuoted, start, text.Length - start, Unterminated: true)
            : new SqlSpan(SqlSpanKind.DollarQuoted, start, close + tag.Length - start);
    }

    private static SqlSpan QuotedVariable(string text, int start, char quote)
    {
        var close = text.IndexOf(quote, start + 2);
        var end = close < 0 || text.IndexOf('\n', start, close - start) >= 0 ? start + 2 : close + 1;
        return new SqlSpan(SqlSpanKind.QuotedVariable, start, end - start);
    }

    private static SqlSpan Number(string text, int start)
    {
        var i = start;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
        {
            i++;
        }

        if (i < text.Length && (text[i] is 'e' or 'E'))
        {
            var j = i + 1 < text.Length && (text[i + 1] is '+' or '-') ? i + 2 : i + 1;
            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return new SqlSpan(SqlSpanKind.Number, start, i - start);
    }
}
