using System.Globalization;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Splits an expression into tokens as pgbench's exprscan.l does: integers, doubles (<c>1.5</c>, <c>1e3</c>,
/// <c>.5</c>, <c>1.</c>), <c>:variables</c>, case-insensitive keywords, function names and operators.
/// </summary>
internal static class ExpressionLexer
{
    private const string MaxIntPlusOne = "9223372036854775808";

    private static readonly Dictionary<string, ExpressionTokenKind> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = ExpressionTokenKind.And,
        ["or"] = ExpressionTokenKind.Or,
        ["not"] = ExpressionTokenKind.Not,
        ["is"] = ExpressionTokenKind.Is,
        ["isnull"] = ExpressionTokenKind.IsNull,
        ["notnull"] = ExpressionTokenKind.NotNull,
        ["null"] = ExpressionTokenKind.Null,
        ["true"] = ExpressionTokenKind.Boolean,
        ["false"] = ExpressionTokenKind.Boolean,
        ["case"] = ExpressionTokenKind.Case,
        ["when"] = ExpressionTokenKind.When,
        ["then"] = ExpressionTokenKind.Then,
        ["else"] = ExpressionTokenKind.Else,
        ["end"] = ExpressionTokenKind.EndKeyword,
    };

    // Longest first, so "<=" wins over "<".
    private static readonly (string Text, ExpressionTokenKind Kind)[] Operators =
    [
        ("<=", ExpressionTokenKind.LessOrEqual), ("<>", ExpressionTokenKind.NotEqual), ("<<", ExpressionTokenKind.ShiftLeft),
        (">=", ExpressionTokenKind.GreaterOrEqual), (">>", ExpressionTokenKind.ShiftRight), ("!=", ExpressionTokenKind.NotEqual),
        ("<", ExpressionTokenKind.Less), (">", ExpressionTokenKind.Greater), ("=", ExpressionTokenKind.EqualSign),
        ("&", ExpressionTokenKind.Ampersand), ("|", ExpressionTokenKind.Pipe), ("#", ExpressionTokenKind.Hash),
        ("~", ExpressionTokenKind.Tilde), ("+", ExpressionTokenKind.Plus), ("-", ExpressionTokenKind.Minus),
        ("*", ExpressionTokenKind.Star), ("/", ExpressionTokenKind.Slash), ("%", ExpressionTokenKind.Percent),
        ("(", ExpressionTokenKind.LeftParen), (")", ExpressionTokenKind.RightParen), (",", ExpressionTokenKind.Comma),
    ];

    /// <summary>Tokenizes <paramref name="text"/>, ending with an <see cref="ExpressionTokenKind.End"/> token.</summary>
    /// <param name="text">The expression.</param>
    /// <param name="error">Makes the exception for a bad token from its 1-based column and a description.</param>
    public static List<ExpressionToken> Tokenize(string text, Func<int, string, Exception> error)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new ExpressionToken(ExpressionTokenKind.End, i + 1, ""));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (c == ':' && i + 1 < text.Length && IsNameChar(text[i + 1]))
            {
                i = SkipNameChars(text, i + 1);
                tokens.Add(new ExpressionToken(ExpressionTokenKind.Variable, start + 1, text[(start + 1)..i]));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i, error));
            }
            else if (IsNameStart(c))
            {
                i = SkipNameChars(text, i);
                var word = text[start..i];
                var kind = Keywords.GetValueOrDefault(word, ExpressionTokenKind.Identifier);
                var isTrue = kind == ExpressionTokenKind.Boolean && word.Equals("true", StringComparison.OrdinalIgnoreCase);
                tokens.Add(new ExpressionToken(kind, start + 1, word, isTrue ? 1 : 0));
            }
            else
            {
                var match = Array.FindIndex(Operators, o => string.CompareOrdinal(text, i, o.Text, 0, o.Text.Length) == 0);
                if (match < 0)
                {
                    throw error(start + 1, $"unexpected character \"{c}\"");
                }

                i += Operators[match].Text.Length;
                tokens.Add(new ExpressionToken(Operators[match].Kind, start + 1, Operators[match].Text));
            }
        }
    }

    /// <summary>Letters, digits, underscore and any non-ASCII character, as pgbench's variable and function names.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c > 127;

    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > 127;

    private static int SkipNameChars(string text, int i)
    {
        while (i < text.Length && IsNameChar(text[i]))
        {
            i++;
        }

        return i;
    }

    private static ExpressionToken ReadNumber(string text, ref int i, Func<int, string, Exception> error)
    {
        var start = i;
        var isDouble = false;
        i = SkipDigits(text, i);
        if (i < text.Length && text[i] == '.')
        {
            isDouble = true;
            i = SkipDigits(text, i + 1);
        }

        // An exponent only counts when digits follow it: "1e" is the integer 1 followed by the name "e".
        if (i < text.Length && (text[i] is 'e' or 'E'))
        {
            var j = i + 1;
            if (j < text.Length && (text[j] is '+' or '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                isDouble = true;
                i = SkipDigits(text, j);
            }
        }

        var literal = text[start..i];
        if (isDouble)
        {
            var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            return double.IsInfinity(value)
                ? throw error(start + 1, $"double constant overflow \"{literal}\"")
                : new ExpressionToken(ExpressionTokenKind.Double, start + 1, literal, Double: value);
        }

        if (literal == MaxIntPlusOne)
        {
            return new ExpressionToken(ExpressionTokenKind.MaxIntPlusOne, start + 1, literal, long.MinValue);
        }

        return long.TryParse(literal, NumberStyles.None, CultureInfo.InvariantCulture, out var integer)
            ? new ExpressionToken(ExpressionTokenKind.Integer, start + 1, literal, integer)
            : throw error(start + 1, $"bigint constant overflow \"{literal}\"");
    }

    private static int SkipDigits(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }
}
