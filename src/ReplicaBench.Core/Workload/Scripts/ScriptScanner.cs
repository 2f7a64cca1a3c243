using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Cuts a script into SQL statements and meta-command lines the way pgbench's psqlscan does: a statement ends at an
/// unquoted <c>;</c> (or at a backslash, which starts a meta-command — that is how <c>SELECT … \gset</c> works), a
/// meta-command at the end of its line unless the line ends with a backslash. Along the way it replaces
/// <c>:variables</c> outside literals with <c>$n</c> and notices <c>-- replicabench: read|write</c> comments.
/// </summary>
internal sealed partial class ScriptScanner(string text, string source)
{
    private readonly LineMap _lines = new(text);
    private int _overrideLine;

    /// <summary>The access a <c>-- replicabench: read|write</c> comment asked for, if any (known once scanning ends).</summary>
    public ScriptAccess? AccessOverride { get; private set; }

    public IEnumerable<ScriptPiece> Pieces()
    {
        var position = 0;
        while (position < text.Length)
        {
            var span = SqlLexer.Next(text, position);
            switch (span.Kind)
            {
                case SqlSpanKind.Backslash:
                    yield return ReadMeta(span.Start, out position);
                    break;

                // A lone ; is an empty statement; pgbench ignores it too.
                case SqlSpanKind.Semicolon:
                    position = span.End;
                    break;
                case var kind when SqlLexer.IsTrivia(kind):
                    Inspect(span);
                    position = span.End;
                    break;
                default:
                    yield return ReadStatement(span.Start, out position);
                    break;
            }
        }
    }

    [GeneratedRegex(@"^--\s*replicabench\s*:\s*(read|write)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OverrideComment();

    private ScriptPiece ReadStatement(int start, out int next)
    {
        var parameterized = new StringBuilder();
        var parameters = new List<string>();
        var copiedUpTo = start;
        var lastEnd = start;
        next = text.Length;
        for (var position = start; position < text.Length;)
        {
            var span = SqlLexer.Next(text, position);
            Inspect(span);
            if (span.Kind is SqlSpanKind.Semicolon or SqlSpanKind.Backslash)
            {
                // The ; is consumed; a backslash is left for the caller to read as a meta-command.
                next = span.Kind == SqlSpanKind.Semicolon ? span.End : span.Start;
                break;
            }

            if (span.Kind == SqlSpanKind.Variable)
            {
                // The same variable twice reuses its number, so it is bound once.
                var name = text[(span.Start + 1)..span.End];
                var number = parameters.IndexOf(name) + 1;
                if (number == 0)
                {
                    parameters.Add(name);
                    number = parameters.Count;
                }

                parameterized.Append(text, copiedUpTo, span.Start - copiedUpTo).Append('$').Append(number.ToString(CultureInfo.InvariantCulture));
                copiedUpTo = span.End;
            }
            else if (span.Kind == SqlSpanKind.QuotedVariable)
            {
                throw Error(span.Start, $"psql-style quoted variable {text[span.Start..span.End]} is not supported in pgbench scripts; write :name, which is sent as a query parameter");
            }
            else if (span.Kind == SqlSpanKind.Positional)
            {
                throw Error(span.Start, $"positional parameter {text[span.Start..span.End]} in a script statement; write :variables instead, which are numbered for you");
            }

            if (!SqlLexer.IsTrivia(span.Kind))
            {
                lastEnd = span.End;
            }

            position = span.End;
        }

        parameterized.Append(text, copiedUpTo, lastEnd - copiedUpTo);
        return new ScriptPiece(false, _lines.LineOf(start), text[start..lastEnd], parameterized.ToString(), parameters);
    }

    private ScriptPiece ReadMeta(int backslash, out int next)
    {
        var line = new StringBuilder();
        var i = backslash + 1;
        while (i < text.Length && text[i] != '\n')
        {
            // A backslash at the very end of a line continues the meta-command on the next line.
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                line.Append(' ');
                i += 2;
            }
            else if (text[i] == '\\' && i + 2 < text.Length && text[i + 1] == '\r' && text[i + 2] == '\n')
            {
                line.Append(' ');
                i += 3;
            }
            else
            {
                line.Append(text[i]);
                i++;
            }
        }

        next = i;
        var body = line.ToString().TrimEnd();
        return new ScriptPiece(true, _lines.LineOf(backslash), body, body, []);
    }

    // Fails on an unterminated literal or comment; records an access override comment.
    private void Inspect(SqlSpan span)
    {
        if (span.Unterminated)
        {
            var what = span.Kind switch
            {
                SqlSpanKind.BlockComment => "/* comment",
                SqlSpanKind.QuotedIdentifier => "quoted identifier",
                SqlSpanKind.DollarQuoted => "dollar-quoted string",
                _ => "quoted string",
            };
            throw Error(span.Start, $"unterminated {what}; close it before the end of the script");
        }

        if (span.Kind != SqlSpanKind.LineComment)
        {
            return;
        }

        var match = OverrideComment().Match(text[span.Start..span.End].TrimEnd('\r'));
        if (!match.Success)
        {
            return;
        }

        var access = match.Groups[1].Value.Equals("read", StringComparison.OrdinalIgnoreCase) ? ScriptAccess.Read : ScriptAccess.Write;
        if (AccessOverride is { } earlier && earlier != access)
        {
            throw Error(span.Start, $"'-- replicabench: {access.ToString().ToLowerInvariant()}' contradicts '-- replicabench: {earlier.ToString().ToLowerInvariant()}' on line {_overrideLine}; keep one");
        }

        AccessOverride = access;
        _overrideLine = _lines.LineOf(span.Start);
    }

    private BadInputException Error(int offset, string message) => new ScriptPosition(source, _lines.LineOf(offset)).BadInput(message);
}
