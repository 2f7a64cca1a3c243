using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// Where statements end and which colons are variables: a ; or :x inside a literal, a comment or a dollar quote
/// is text, a :: is a cast, and the same variable twice is one parameter.
/// </summary>
public sealed class SqlSplittingTests
{
    public static TheoryData<string, string[], string[]> Splits => new()
    {
        // script, each statement's parameterized text, each statement's parameters joined by ','
        { "SELECT 1;", ["SELECT 1"], [""] },
        { "SELECT 1", ["SELECT 1"], [""] },
        { "SELECT 1; SELECT 2;", ["SELECT 1", "SELECT 2"], ["", ""] },
        { "SELECT a\n  FROM t\n WHERE b = :b\n;", ["SELECT a\n  FROM t\n WHERE b = $1"], ["b"] },
        { ";;\n;SELECT 1;;", ["SELECT 1"], [""] },
        { "SELECT ';', 'it''s; :x' FROM t WHERE a = :a;", ["SELECT ';', 'it''s; :x' FROM t WHERE a = $1"], ["a"] },
        { "SELECT E'a\\'; :x', :y;", ["SELECT E'a\\'; :x', $1"], ["y"] },
        { "SELECT $$ a; :x $$, $fn$ ; $$ ; $fn$, :y;", ["SELECT $$ a; :x $$, $fn$ ; $$ ; $fn$, $1"], ["y"] },
        { "SELECT \"a;b\", \":x\" FROM t;", ["SELECT \"a;b\", \":x\" FROM t"], [""] },
        { "SELECT 1 -- not here; :x\n + :y;", ["SELECT 1 -- not here; :x\n + $1"], ["y"] },
        { "SELECT /* ; :x /* nested ; */ still */ :y;", ["SELECT /* ; :x /* nested ; */ still */ $1"], ["y"] },
        { "SELECT a::int, b:::text, :c::bigint FROM t;", ["SELECT a::int, b:::text, $1::bigint FROM t"], ["c"] },
        { "SELECT arr[1:2], :x FROM t;", ["SELECT arr[1:2], $1 FROM t"], ["x"] },
        { "SELECT :x, :y, :x + :y, :z;", ["SELECT $1, $2, $1 + $2, $3"], ["x,y,z"] },
        { "SELECT :x;\nSELECT :y, :x;", ["SELECT $1", "SELECT $1, $2"], ["x", "y,x"] },
        { "UPDATE t SET v = v + :delta_1 WHERE k = :k2;", ["UPDATE t SET v = v + $1 WHERE k = $2"], ["delta_1,k2"] },
        { "-- leading comment\n  /* block */ SELECT 1; -- trailing\n", ["SELECT 1"], [""] },
        { "SELECT 1 -- before the end\n", ["SELECT 1"], [""] },
        { "SELECT 1\n\\set x 2\nSELECT :x", ["SELECT 1", "SELECT $1"], ["", "x"] },
        { "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;", ["CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql"], [""] },
        { "SELECT a$b, $x FROM t;", ["SELECT a$b, $x FROM t"], [""] },
        { "SELECT U&'d\\0061t', B'101', X'1F', N'x;y';", ["SELECT U&'d\\0061t', B'101', X'1F', N'x;y'"], [""] },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Statements_split_at_unquoted_semicolons_and_number_their_variables(string text, string[] statements, string[] parameters)
    {
        var sql = PgbenchScriptParser.Parse(text, "split", "split.sql").Instructions.OfType<SqlInstruction>().ToList();

        Assert.Equal(statements, sql.Select(s => s.ParameterizedText));
        Assert.Equal(parameters, sql.Select(s => string.Join(',', s.Parameters)));
    }

    [Theory]
    [InlineData("SELECT a\n  FROM t\n WHERE b = :b\n;", "SELECT a\n  FROM t\n WHERE b = :b", 1)]
    [InlineData("\n\n  -- comment\n  SELECT :x::int ;", "SELECT :x::int", 4)]
    [InlineData("\\set x 1\nSELECT 1\n   + 2;", "SELECT 1\n   + 2", 2)]
    public void Text_is_the_statement_as_written_without_the_semicolon_and_line_is_where_it_starts(string text, string expected, int line)
    {
        var sql = PgbenchScriptParser.Parse(text, "split", "split.sql").Instructions.OfType<SqlInstruction>().Single();

        Assert.Equal(expected, sql.Text);
        Assert.Equal(line, sql.Line);
    }

    [Theory]
    [InlineData("SELECT 1 AS one \\gset", "")]
    [InlineData("SELECT 1 AS one \\gset p_", "p_")]
    [InlineData("SELECT 1 AS one;\n\\gset x", "x")]
    [InlineData("SELECT 1 AS one\n\\gset\n", "")]
    [InlineData("UPDATE pgbench_accounts\n  SET abalance = abalance + :delta\n  WHERE aid = :aid\n  RETURNING abalance \\gset\n", "")]
    public void Gset_attaches_its_prefix_to_the_statement_before_it(string text, string prefix)
    {
        var sql = Assert.IsType<SqlInstruction>(Assert.Single(PgbenchScriptParser.Parse(text, "gset", "gset.sql").Instructions));

        Assert.Equal(prefix, sql.GsetPrefix);
        Assert.DoesNotContain("gset", sql.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_commands_continue_over_lines_ending_in_a_backslash()
    {
        var script = PgbenchScriptParser.Parse("\\set x 1 + \\\n  2 \\\r\n * 3\nSELECT :x;\n", "continued", "continued.sql");

        var set = Assert.IsType<SetInstruction>(script.Instructions[0]);
        Assert.Equal(ScriptValue.FromInt64(7), set.Value.Evaluate(new ScriptVariables(), new Random(1)));
        Assert.Equal(4, script.Instructions[1].Line);
    }

    [Theory]
    [InlineData("\\sleep 10", 10L, null, 1_000_000L)]
    [InlineData("\\sleep 10 s", 10L, null, 1_000_000L)]
    [InlineData("\\sleep 250 ms", 250L, null, 1_000L)]
    [InlineData("\\sleep 250ms", 250L, null, 1_000L)]
    [InlineData("\\SLEEP 5 US", 5L, null, 1L)]
    [InlineData("  \\sleep :pause ms", null, "pause", 1_000L)]
    public void Sleep_takes_an_integer_or_a_variable_and_a_unit(string text, long? amount, string? variable, long microsecondsPerUnit)
    {
        var sleep = Assert.IsType<SleepInstruction>(Assert.Single(PgbenchScriptParser.Parse(text, "sleep", "sleep.sql").Instructions));

        Assert.Equal(new SleepInstruction(1, amount, variable, microsecondsPerUnit), sleep);
    }
}
