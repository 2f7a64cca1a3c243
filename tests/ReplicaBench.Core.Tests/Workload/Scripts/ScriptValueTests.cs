using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>Values as pgbench reads them from text (<c>\gset</c> results) and the text it sends for them.</summary>
public sealed class ScriptValueTests
{
    [Theory]
    [InlineData("42", ScriptValueKind.Integer, "42")]
    [InlineData(" -7 ", ScriptValueKind.Integer, " -7 ")]
    [InlineData("+5", ScriptValueKind.Integer, "+5")]
    [InlineData("3.5", ScriptValueKind.Double, "3.5")]
    [InlineData("1e3", ScriptValueKind.Double, "1e3")]
    [InlineData("-Infinity", ScriptValueKind.Double, "-Infinity")]
    [InlineData("inf", ScriptValueKind.Double, "inf")]
    [InlineData("NaN", ScriptValueKind.Double, "NaN")]
    [InlineData("NULL", ScriptValueKind.Null, "NULL")]
    [InlineData("null", ScriptValueKind.Null, "null")]
    [InlineData("t", ScriptValueKind.Boolean, "t")]
    [InlineData("TRUE", ScriptValueKind.Boolean, "TRUE")]
    [InlineData("ye", ScriptValueKind.Boolean, "ye")]
    [InlineData("on", ScriptValueKind.Boolean, "on")]
    [InlineData("f", ScriptValueKind.Boolean, "f")]
    [InlineData("no", ScriptValueKind.Boolean, "no")]
    [InlineData("of", ScriptValueKind.Boolean, "of")]
    [InlineData("off", ScriptValueKind.Boolean, "off")]
    [InlineData("o", ScriptValueKind.Text, "o")]
    [InlineData("truex", ScriptValueKind.Text, "truex")]
    [InlineData("abc", ScriptValueKind.Text, "abc")]
    [InlineData("", ScriptValueKind.Text, "")]
    public void Text_is_read_as_pgbench_reads_variables_and_sent_back_unchanged(string text, ScriptValueKind kind, string sent)
    {
        var value = ScriptValue.FromText(text);

        Assert.Equal(kind, value.Kind);
        Assert.Equal(sent, value.ToString());
    }

    public static TheoryData<ScriptValue, string> Printed => new()
    {
        { ScriptValue.FromInt64(-9_223_372_036_854_775_808), "-9223372036854775808" },
        { ScriptValue.FromDouble(3.5), "3.5" },
        { ScriptValue.FromDouble(0.1 + 0.2), "0.30000000000000004" },
        { ScriptValue.FromDouble(1e20), "1E+20" },
        { ScriptValue.FromDouble(double.PositiveInfinity), "Infinity" },
        { ScriptValue.FromBoolean(true), "true" },
        { ScriptValue.FromBoolean(false), "false" },
        { ScriptValue.Null, "NULL" },
        { default, "NULL" },
    };

    [Theory]
    [MemberData(nameof(Printed))]
    public void Values_print_in_the_invariant_culture_round_trip_form(ScriptValue value, string expected)
    {
        Assert.Equal(expected, value.ToString());
    }

    [Theory]
    [InlineData("7", true, 7L)]
    [InlineData("2.5", true, 2L)]
    [InlineData("3.5", true, 4L)]
    [InlineData("-0.5", true, 0L)]
    [InlineData("1e19", false, 0L)]
    [InlineData("NaN", false, 0L)]
    [InlineData("true", false, 0L)]
    [InlineData("null", false, 0L)]
    [InlineData("abc", false, 0L)]
    public void Integers_come_from_integers_and_doubles_rounded_half_to_even(string text, bool ok, long expected)
    {
        Assert.Equal(ok, ScriptValue.FromText(text).TryAsInt64(out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("0.0", false)]
    [InlineData("-0.1", true)]
    [InlineData("true", true)]
    [InlineData("f", false)]
    [InlineData("null", false)]
    public void Truth_follows_pgbench(string text, bool expected)
    {
        Assert.Equal(expected, ScriptValue.FromText(text).IsTrue);
    }

    [Fact]
    public void A_gset_value_is_usable_in_expressions_and_keeps_its_text()
    {
        var variables = new ScriptVariables().Set("n", ScriptValue.FromText("041"));

        Assert.Equal(ScriptValue.FromInt64(42), ScriptExpressionParser.Parse(":n + 1").Evaluate(variables, new Random(1)));
        Assert.Equal("041", variables["n"].ToString());

        // Reading the variable in an expression yields the parsed value, as pgbench's \set m :n stores 41.
        Assert.Equal("41", ScriptExpressionParser.Parse(":n").Evaluate(variables, new Random(1)).ToString());
        Assert.Equal(2.5, ScriptValue.FromText("2.5").AsDouble());
        Assert.Throws<InvalidOperationException>(() => ScriptValue.FromBoolean(true).AsDouble());
    }
}
