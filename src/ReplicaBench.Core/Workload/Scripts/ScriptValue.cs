using System.Globalization;

namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// A value of pgbench's expression language: an integer (bigint), a double, a boolean or NULL — or, when it came
/// from query results (<c>\gset</c>), text that is none of these. <see cref="ToString"/> is the text pgbench sends
/// for the value as a query parameter.
/// </summary>
/// <remarks>
/// A value made by <see cref="FromText"/> keeps its original text and sends that, as pgbench keeps a variable's
/// string form: a text column holding <c>t</c> reads as boolean true in expressions but must still be sent as
/// <c>t</c>, not <c>true</c>.
/// </remarks>
public readonly record struct ScriptValue
{
    private readonly long _integer;
    private readonly double _double;
    private readonly string? _text;

    private ScriptValue(ScriptValueKind kind, long integer, double number, string? text)
    {
        Kind = kind;
        _integer = integer;
        _double = number;
        _text = text;
    }

    /// <summary>SQL NULL (also <c>default(ScriptValue)</c>).</summary>
    public static ScriptValue Null => default;

    public ScriptValueKind Kind { get; }

    public bool IsNull => Kind == ScriptValueKind.Null;

    /// <summary>
    /// Truth for <c>\if</c>, <c>\elif</c> and <c>CASE WHEN</c>, as pgbench decides it: NULL, false, 0 and 0.0 are
    /// false; anything else is true.
    /// </summary>
    public bool IsTrue => Kind switch
    {
        ScriptValueKind.Boolean or ScriptValueKind.Integer => _integer != 0,
        ScriptValueKind.Double => _double != 0.0,
        _ => false,
    };

    public static ScriptValue FromInt64(long value) => new(ScriptValueKind.Integer, value, 0, null);

    public static ScriptValue FromDouble(double value) => new(ScriptValueKind.Double, 0, value, null);

    public static ScriptValue FromBoolean(bool value) => new(ScriptValueKind.Boolean, value ? 1 : 0, 0, null);

    /// <summary>
    /// Reads text as pgbench reads a variable's string form: <c>null</c> (any case) is NULL; a prefix of
    /// <c>true</c>/<c>yes</c> or <c>on</c> is true; a prefix of <c>false</c>/<c>no</c>, <c>off</c> or <c>of</c> is
    /// false; an integer is an integer; otherwise a double; anything else stays text and fails when used.
    /// </summary>
    public static ScriptValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = Parse(text);
        return new ScriptValue(parsed.Kind, parsed._integer, parsed._double, text);
    }

    /// <summary>
    /// The value as a bigint: integers as they are, doubles rounded half to even (pgbench uses <c>rint</c>) when in
    /// range. False for booleans, NULL, text and out-of-range doubles.
    /// </summary>
    public bool TryAsInt64(out long value)
    {
        switch (Kind)
        {
            case ScriptValueKind.Integer:
                value = _integer;
                return true;
            case ScriptValueKind.Double:
                var rounded = Math.Round(_double, MidpointRounding.ToEven);

                // -2^63 is exact in a double; 2^63 is the first value past the range, so compare with < not <=.
                if (rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0)
                {
                    value = (long)rounded;
                    return true;
                }

                break;
        }

        value = 0;
        return false;
    }

    /// <summary>The value as a double (integers converted); throws for booleans, NULL and text.</summary>
    public double AsDouble() => Kind switch
    {
        ScriptValueKind.Integer => _integer,
        ScriptValueKind.Double => _double,
        _ => throw new InvalidOperationException($"cannot coerce {TypeName} to double"),
    };

    /// <summary>The boolean; throws unless <see cref="Kind"/> is <see cref="ScriptValueKind.Boolean"/> (pgbench does not coerce numbers to booleans for <c>and</c>/<c>or</c>/<c>not</c>).</summary>
    public bool AsBoolean() => Kind == ScriptValueKind.Boolean
        ? _integer != 0
        : throw new InvalidOperationException($"cannot coerce {TypeName} to boolean");

    /// <summary>pgbench's name for the type in error messages: null, int, double, boolean (or text).</summary>
    public string TypeName => Kind switch
    {
        ScriptValueKind.Null => "null",
        ScriptValueKind.Integer => "int",
        ScriptValueKind.Double => "double",
        ScriptValueKind.Boolean => "boolean",
        _ => "text",
    };

    /// <summary>
    /// The text pgbench sends for the value: integers plain, doubles in the invariant culture's shortest
    /// round-trip form (e.g. <c>3.5</c>, <c>1E+20</c>, <c>NaN</c>, <c>Infinity</c>), booleans <c>true</c>/<c>false</c>,
    /// NULL as <c>NULL</c> (bind a database NULL instead when <see cref="IsNull"/>), text as it came.
    /// </summary>
    public override string ToString() => _text ?? Kind switch
    {
        ScriptValueKind.Integer => _integer.ToString(CultureInfo.InvariantCulture),
        ScriptValueKind.Double => _double.ToString("R", CultureInfo.InvariantCulture),
        ScriptValueKind.Boolean => _integer != 0 ? "true" : "false",
        _ => "NULL",
    };

    /// <summary>
    /// The value without its original text: what an expression yields when it reads a variable, as pgbench hands on
    /// the parsed value (so <c>\set m :n</c> with n = "041" sends 41).
    /// </summary>
    internal ScriptValue WithoutText() =>
        _text is null || Kind == ScriptValueKind.Text ? this : new ScriptValue(Kind, _integer, _double, null);

    private static ScriptValue Parse(string text)
    {
        if (text.Length == 0)
        {
            return new ScriptValue(ScriptValueKind.Text, 0, 0, null);
        }

        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return Null;
        }

        // pgbench accepts any prefix of true/yes/false/no ("t", "ye", "f", "n"), but of on/off only the whole word
        // and "of", so that "o" stays ambiguous and is not a boolean.
        if (IsPrefixOf(text, "true") || IsPrefixOf(text, "yes") || text.Equals("on", StringComparison.OrdinalIgnoreCase))
        {
            return FromBoolean(true);
        }

        if (IsPrefixOf(text, "false") || IsPrefixOf(text, "no")
            || text.Equals("off", StringComparison.OrdinalIgnoreCase) || text.Equals("of", StringComparison.OrdinalIgnoreCase))
        {
            return FromBoolean(false);
        }

        const NumberStyles IntegerStyle = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign;
        if (long.TryParse(text, IntegerStyle, CultureInfo.InvariantCulture, out var integer))
        {
            return FromInt64(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return FromDouble(number);
        }

        // C's strtod also reads inf/infinity/nan in any case; .NET only reads its own spellings.
        return text.Trim().ToUpperInvariant() switch
        {
            "INF" or "+INF" or "INFINITY" or "+INFINITY" => FromDouble(double.PositiveInfinity),
            "-INF" or "-INFINITY" => FromDouble(double.NegativeInfinity),
            "NAN" or "+NAN" or "-NAN" => FromDouble(double.NaN),
            _ => new ScriptValue(ScriptValueKind.Text, 0, 0, null),
        };
    }

    private static bool IsPrefixOf(string text, string word) =>
        text.Length <= word.Length && word.StartsWith(text, StringComparison.OrdinalIgnoreCase);
}
