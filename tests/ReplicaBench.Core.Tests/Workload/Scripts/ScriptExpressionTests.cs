using System.Globalization;
using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// Known answers of pgbench's expression language. The expected texts are what pgbench 15.18's <c>debug()</c>
/// printed for the same expression, with <c>\set scale 1</c>, <c>\set x 3</c> and <c>\set y 7</c>
/// (type, then the value; doubles as C's <c>%.15g</c>).
/// </summary>
public sealed class ScriptExpressionTests
{
    [Theory]
    // arithmetic and precedence
    [InlineData("1 + 2 * 3", "int 7")]
    [InlineData("(1 + 2) * 3", "int 9")]
    [InlineData("2 - 3 - 4", "int -5")]
    [InlineData("100 / 10 / 5", "int 2")]
    [InlineData("7 / 2", "int 3")]
    [InlineData("-7 / 2", "int -3")]
    [InlineData("7 % 3", "int 1")]
    [InlineData("-7 % 3", "int -1")]
    [InlineData("7 % -3", "int 1")]
    [InlineData("2 * 3 % 4", "int 2")]
    [InlineData("12 % 5 * 2", "int 4")]
    [InlineData("7.0 / 2", "double 3.5")]
    [InlineData("-5 / 2.0", "double -2.5")]
    [InlineData("2 + 2.0", "double 4")]
    [InlineData("-2 * -3", "int 6")]
    [InlineData("5 - -3", "int 8")]
    [InlineData("- -3", "int 3")]
    [InlineData("-9223372036854775808", "int -9223372036854775808")]
    [InlineData("1.", "double 1")]
    [InlineData("1.5e2", "double 150")]
    [InlineData("1e3", "double 1000")]
    [InlineData(".5", "double 0.5")]
    [InlineData("0.1 + 0.2", "double 0.3")]
    [InlineData("1.0 / 0", "double Infinity")]
    // modulo rounds doubles half to even first: rint(7.5) = 8, rint(-2.5) = -2
    [InlineData("7.5 % 2", "int 0")]
    [InlineData("-2.5 % 2", "int 0")]
    // bitwise; ~ binds looser than + (its operand is 1 + 2) but tighter than |
    [InlineData("5 # 3", "int 6")]
    [InlineData("1 # 3", "int 2")]
    [InlineData("1 << 4", "int 16")]
    [InlineData("1 >> 4", "int 0")]
    [InlineData("8 >> 2", "int 2")]
    [InlineData("-8 >> 1", "int -4")]
    [InlineData("1 << 63", "int -9223372036854775808")]
    [InlineData("1 << 64", "int 1")]
    [InlineData("3 << 2 + 1", "int 24")]
    [InlineData("6 & 3 | 8", "int 10")]
    [InlineData("7 & 3 # 1", "int 2")]
    [InlineData("~5", "int -6")]
    [InlineData("~ 1", "int -2")]
    [InlineData("- ~5", "int 6")]
    [InlineData("~1 + 2", "int -4")]
    [InlineData("~ 1 | 2", "int -2")]
    // comparisons and logic (three-valued, lazy)
    [InlineData("1 != 2", "boolean true")]
    [InlineData("3 >= 3", "boolean true")]
    [InlineData("3 <= 2", "boolean false")]
    [InlineData("5 = 5.0", "boolean true")]
    [InlineData("not true", "boolean false")]
    [InlineData("not 1 = 2", "boolean true")]
    [InlineData("not true and false", "boolean false")]
    [InlineData("1 = 1 and not 2 > 3", "boolean true")]
    [InlineData("TRUE AND true", "boolean true")]
    [InlineData("null and false", "null")]
    [InlineData("false and null", "boolean false")]
    [InlineData("null or true", "null")]
    [InlineData("true or null", "boolean true")]
    [InlineData("not null", "null")]
    [InlineData("null + 1", "null")]
    [InlineData("greatest(1, null)", "null")]
    // IS
    [InlineData("1 is null", "boolean false")]
    [InlineData("null is null", "boolean true")]
    [InlineData("1 isnull", "boolean false")]
    [InlineData("2 notnull", "boolean true")]
    [InlineData("1 is true", "boolean false")]
    [InlineData("true is true", "boolean true")]
    [InlineData("true is not false", "boolean true")]
    [InlineData("1 = 2 is null", "boolean false")]
    [InlineData("2 * 3 is null", "boolean false")]
    // CASE
    [InlineData("CASE WHEN 1 > 2 THEN 10 ELSE 20 END", "int 20")]
    [InlineData("CASE WHEN false THEN 1 END", "null")]
    [InlineData("case when 0 then 1 when 2 then 3 end", "int 3")]
    [InlineData("CASE WHEN :x <> 0 THEN :y/:x ELSE NULL END", "int 2")]
    // functions
    [InlineData("abs(-3)", "int 3")]
    [InlineData("abs(-2.5)", "double 2.5")]
    [InlineData("abs(-9223372036854775807 - 1)", "int -9223372036854775808")]
    [InlineData("pi()", "double 3.14159265358979")]
    [InlineData("sqrt(16)", "double 4")]
    [InlineData("sqrt(-1)", "double NaN")]
    [InlineData("exp(1)", "double 2.71828182845905")]
    [InlineData("ln(exp(2))", "double 2")]
    [InlineData("ln(0)", "double -Infinity")]
    [InlineData("pow(2, 10)", "double 1024")]
    [InlineData("power(2.5, 2)", "double 6.25")]
    [InlineData("power(2, 0.5)", "double 1.4142135623731")]
    [InlineData("mod(54, 32)", "int 22")]
    [InlineData("mod(-7, 3)", "int -1")]
    [InlineData("greatest(1, 5.5, 3)", "double 5.5")]
    [InlineData("least(5, 4, 3, 2.1)", "double 2.1")]
    [InlineData("least(5, 2, 8)", "int 2")]
    [InlineData("greatest(3)", "int 3")]
    [InlineData("double(3)", "double 3")]
    [InlineData("double(7) / 2", "double 3.5")]
    // int() rounds half to even like pgbench's rint(), it does not truncate: int(5.9) is 6
    [InlineData("int(5.9)", "int 6")]
    [InlineData("int(4.5)", "int 4")]
    [InlineData("int(2.5)", "int 2")]
    [InlineData("int(-5.5)", "int -6")]
    [InlineData("int(-0.5)", "int 0")]
    [InlineData("int(5.4 + 3.8)", "int 9")]
    [InlineData("debug(3.1)", "double 3.1")]
    [InlineData("debug(null)", "null")]
    [InlineData("RANDOM(1,1)", "int 1")]
    [InlineData("random_zipfian(1, 1, 1.5)", "int 1")]
    [InlineData("random_exponential(5, 5, 3)", "int 5")]
    // hashes and permute: pgbench's exact numbers
    [InlineData("hash(5, 0)", "int -208465272938114760")]
    [InlineData("hash(10, 5432)", "int -5817877081768721676")]
    [InlineData("hash_murmur2(-123, 42)", "int 5711821777769554918")]
    [InlineData("hash(0, -7)", "int -4503914048805424451")]
    [InlineData("hash_fnv1a(5, 0)", "int 1000385178204227360")]
    [InlineData("hash_fnv1a(10, 5432)", "int -7793829335365542153")]
    [InlineData("hash_fnv1a(-1, 123456789)", "int 2241095511684530344")]
    [InlineData("permute(0, 10, 5)", "int 6")]
    [InlineData("permute(7, 10, 5)", "int 0")]
    [InlineData("permute(123, 1000, -42)", "int 904")]
    [InlineData("permute(3, 3, 0)", "int 2")]
    [InlineData("permute(999999, 1000000, 123456789)", "int 791626")]
    [InlineData("permute(-5, 17, 99)", "int 9")]
    [InlineData("permute(1, 2, 1)", "int 0")]
    // variables
    [InlineData(":x * :scale", "int 3")]
    [InlineData(":y / :x", "int 2")]
    public void Expressions_give_pgbench_answers(string expression, string expected)
    {
        var value = ScriptExpressionParser.Parse(expression).Evaluate(Variables(), new Random(1));

        Assert.Equal(expected, AsPgbenchDebugPrints(value));
    }

    [Theory]
    [InlineData(0, "null")]
    [InlineData(3, "int 2")]
    [InlineData(-2, "int -3")]
    public void The_documented_safe_division_example_avoids_division_by_zero(long x, string expected)
    {
        var script = PgbenchScriptParser.Parse("\\set divx CASE WHEN :x <> 0 THEN :y/:x ELSE NULL END\n", "divx", "divx.sql");
        var set = Assert.IsType<SetInstruction>(Assert.Single(script.Instructions));

        var value = set.Value.Evaluate(Variables().Set("x", ScriptValue.FromInt64(x)), new Random(1));

        Assert.Equal("divx", set.Variable);
        Assert.Equal(expected, AsPgbenchDebugPrints(value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(1000)]
    public void The_documented_scattered_aid_example_stays_within_the_accounts(long scale)
    {
        var script = PgbenchScriptParser.Parse("\\set aid (1021 * random(1, 100000 * :scale)) % (100000 * :scale) + 1\n", "aid", "aid.sql");
        var set = Assert.IsType<SetInstruction>(Assert.Single(script.Instructions));
        var variables = Variables().Set("scale", ScriptValue.FromInt64(scale));
        var random = new Random(7);

        for (var i = 0; i < 2000; i++)
        {
            Assert.True(set.Value.Evaluate(variables, random).TryAsInt64(out var aid));
            Assert.InRange(aid, 1, 100_000 * scale);
        }
    }

    [Theory]
    [InlineData("1/0", "division by zero")]
    [InlineData("5 % 0", "division by zero")]
    [InlineData("9223372036854775807 + 1", "bigint add out of range")]
    [InlineData("-9223372036854775807 - 2", "bigint sub out of range")]
    [InlineData("9223372036854775807 * 2", "bigint mul out of range")]
    [InlineData("(-9223372036854775807-1) / -1", "bigint div out of range")]
    [InlineData("-(-9223372036854775807-1)", "bigint sub out of range")]
    [InlineData("int(1e300)", "double to int overflow for 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")]
    [InlineData(":nope + 1", "undefined variable \"nope\"")]
    [InlineData("hash(5)", "undefined variable \"default_seed\"")]
    [InlineData("true = true", "cannot coerce boolean to int")]
    [InlineData("1 + true", "cannot coerce boolean to int")]
    [InlineData("not false = false", "cannot coerce boolean to int")]
    [InlineData("least(3, 1.5, true)", "cannot coerce boolean to double")]
    [InlineData("1 and true", "cannot coerce int to boolean")]
    [InlineData("random(5, 1)", "empty range given to random")]
    [InlineData("random(-9223372036854775807 - 1, 9223372036854775807)", "random range is too large")]
    [InlineData("random_zipfian(1, 10, 0.5)", "zipfian parameter must be in range [1.001, 1000] (not 0.500000)")]
    [InlineData("random_zipfian(1, 10, 1.0)", "zipfian parameter must be in range [1.001, 1000] (not 1.000000)")]
    [InlineData("random_gaussian(1, 10, 1)", "gaussian parameter must be at least 2.000000 (not 1.000000)")]
    [InlineData("random_exponential(1, 10, 0)", "exponential parameter must be greater than zero (not 0.000000)")]
    [InlineData("permute(1, 0, 5)", "permute size parameter must be greater than zero")]
    [InlineData(":text + 1", "malformed variable \"text\" value: \"abc\"")]
    public void Runtime_errors_are_one_pgbench_line_with_the_script_line(string expression, string expected)
    {
        var parsed = ScriptExpressionParser.Parse(expression, "errors.sql", 12);

        var ex = Assert.Throws<ScriptRuntimeException>(
            () => parsed.Evaluate(Variables().Set("text", ScriptValue.FromText("abc")), new Random(1)));

        Assert.Equal($"errors.sql:12: {expected}", ex.Message);
    }

    [Fact]
    public void Lazy_branches_are_not_evaluated()
    {
        var variables = Variables();

        Assert.True(ScriptExpressionParser.Parse("false and 1/0 = 1").Evaluate(variables, new Random(1)) == ScriptValue.FromBoolean(false));
        Assert.True(ScriptExpressionParser.Parse("true or :undefined").Evaluate(variables, new Random(1)) == ScriptValue.FromBoolean(true));
        Assert.True(ScriptExpressionParser.Parse("CASE WHEN true THEN 1 ELSE 1/0 END").Evaluate(variables, new Random(1)) == ScriptValue.FromInt64(1));
    }

    [Theory]
    [InlineData("random(1, 100000 * :scale)", new[] { "scale" })]
    [InlineData("CASE WHEN :x <> 0 THEN :y/:x ELSE NULL END", new[] { "x", "y" })]
    [InlineData("hash(:aid)", new[] { "aid", "default_seed" })]
    [InlineData("hash(:aid, :seed)", new[] { "aid", "seed" })]
    [InlineData("pi()", new string[0])]
    public void Expressions_list_the_variables_they_read(string expression, string[] expected)
    {
        Assert.Equal(expected.ToHashSet(), ScriptExpressionParser.Parse(expression).Variables.ToHashSet());
    }

    private static ScriptVariables Variables() => new ScriptVariables()
        .Set("scale", ScriptValue.FromInt64(1))
        .Set("x", ScriptValue.FromInt64(3))
        .Set("y", ScriptValue.FromInt64(7));

    // The format of pgbench's debug(): "int 7", "double 3.5" (%.15g), "boolean true", "null".
    private static string AsPgbenchDebugPrints(ScriptValue value) => value.Kind switch
    {
        ScriptValueKind.Null => "null",
        ScriptValueKind.Double => "double " + value.AsDouble().ToString("G15", CultureInfo.InvariantCulture),
        _ => $"{value.TypeName} {value}",
    };
}
