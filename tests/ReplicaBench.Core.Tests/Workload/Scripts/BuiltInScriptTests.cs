using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// pgbench's own built-in scripts, pasted exactly as <c>pgbench --show-script=NAME</c> (PostgreSQL 15.18) prints them:
/// they must parse into the instructions, parameters and classification pgbench's behaviour implies.
/// </summary>
public sealed class BuiltInScriptTests
{
    public const string SelectOnly = """
        -- select-only: <builtin: select only>
        \set aid random(1, 100000 * :scale)
        SELECT abalance FROM pgbench_accounts WHERE aid = :aid;

        """;

    public const string TpcbLike = """
        -- tpcb-like: <builtin: TPC-B (sort of)>
        \set aid random(1, 100000 * :scale)
        \set bid random(1, 1 * :scale)
        \set tid random(1, 10 * :scale)
        \set delta random(-5000, 5000)
        BEGIN;
        UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
        SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
        UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
        UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
        INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
        END;

        """;

    public const string SimpleUpdate = """
        -- simple-update: <builtin: simple update>
        \set aid random(1, 100000 * :scale)
        \set bid random(1, 1 * :scale)
        \set tid random(1, 10 * :scale)
        \set delta random(-5000, 5000)
        BEGIN;
        UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
        SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
        INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
        END;

        """;

    public static TheoryData<string, string, string, ScriptAccess, bool, int> Scripts => new()
    {
        // name, text, instruction kinds (S=\set, Q=SQL), access, explicit transaction, SQL count
        { "select-only", SelectOnly, "SQ", ScriptAccess.Read, false, 1 },
        { "tpcb-like", TpcbLike, "SSSSQQQQQQQ", ScriptAccess.Write, true, 7 },
        { "simple-update", SimpleUpdate, "SSSSQQQQQ", ScriptAccess.Write, true, 5 },
    };

    public static TheoryData<string, int, int, string, string[]> Statements => new()
    {
        // script, instruction index, line, parameterized text, parameters in $ order
        { SelectOnly, 1, 3, "SELECT abalance FROM pgbench_accounts WHERE aid = $1", ["aid"] },
        { TpcbLike, 4, 6, "BEGIN", [] },
        { TpcbLike, 5, 7, "UPDATE pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2", ["delta", "aid"] },
        { TpcbLike, 6, 8, "SELECT abalance FROM pgbench_accounts WHERE aid = $1", ["aid"] },
        { TpcbLike, 7, 9, "UPDATE pgbench_tellers SET tbalance = tbalance + $1 WHERE tid = $2", ["delta", "tid"] },
        { TpcbLike, 8, 10, "UPDATE pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2", ["delta", "bid"] },
        {
            TpcbLike, 9, 11, "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)",
            ["tid", "bid", "aid", "delta"]
        },
        { TpcbLike, 10, 12, "END", [] },
        { SimpleUpdate, 7, 9, "INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)", ["tid", "bid", "aid", "delta"] },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Built_in_scripts_parse_into_the_expected_instructions_and_classification(
        string name, string text, string kinds, ScriptAccess access, bool explicitTransaction, int sqlCount)
    {
        var script = PgbenchScriptParser.Parse(text, name, $"builtin:{name}");

        Assert.Equal(kinds, string.Concat(script.Instructions.Select(i => i is SetInstruction ? 'S' : i is SqlInstruction ? 'Q' : '?')));
        Assert.Equal(access, script.Access);
        Assert.Equal(explicitTransaction, script.HasExplicitTransaction);
        Assert.Equal(sqlCount, script.SqlCommandCount);
        Assert.Equal(name, script.Name);
        Assert.Equal(1, script.Weight);
        Assert.Contains("scale", script.VariablesUsed);
        Assert.All(script.Instructions.OfType<SqlInstruction>(), sql => Assert.Null(sql.GsetPrefix));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void Statements_keep_their_text_line_and_number_their_variables(string text, int index, int line, string parameterized, string[] parameters)
    {
        var sql = Assert.IsType<SqlInstruction>(PgbenchScriptParser.Parse(text, "builtin", "builtin").Instructions[index]);

        Assert.Equal(line, sql.Line);
        Assert.Equal(parameterized, sql.ParameterizedText);
        Assert.Equal(parameters, sql.Parameters);
        Assert.DoesNotContain(';', sql.Text);
    }

    [Theory]
    [InlineData("aid", 1, 100_000)]
    [InlineData("bid", 1, 1)]
    [InlineData("tid", 1, 10)]
    [InlineData("delta", -5000, 5000)]
    public void The_sets_of_tpcb_like_draw_within_pgbench_ranges_at_scale_1(string variable, long min, long max)
    {
        var script = PgbenchScriptParser.Parse(TpcbLike, "tpcb-like", "builtin");
        var set = script.Instructions.OfType<SetInstruction>().Single(s => s.Variable == variable);
        var variables = new ScriptVariables().Set("scale", ScriptValue.FromInt64(1));
        var random = new Random(42);

        for (var i = 0; i < 1000; i++)
        {
            var value = set.Value.Evaluate(variables, random);
            Assert.Equal(ScriptValueKind.Integer, value.Kind);
            Assert.True(value.TryAsInt64(out var n));
            Assert.InRange(n, min, max);
        }
    }

    [Theory]
    [InlineData(SelectOnly)]
    [InlineData(TpcbLike)]
    [InlineData(SimpleUpdate)]
    public void Windows_line_endings_parse_the_same(string text)
    {
        var unix = PgbenchScriptParser.Parse(text, "builtin", "builtin");
        var windows = PgbenchScriptParser.Parse(text.ReplaceLineEndings("\r\n"), "builtin", "builtin");

        Assert.Equal(
            unix.Instructions.Select(i => i is SqlInstruction sql ? $"{sql.Line} {sql.Text}" : $"{i.Line} {i.GetType().Name}"),
            windows.Instructions.Select(i => i is SqlInstruction sql ? $"{sql.Line} {sql.Text}" : $"{i.Line} {i.GetType().Name}"));
        Assert.Equal(unix.Access, windows.Access);
    }

    [Fact]
    public void Only_scale_is_needed_from_outside_the_built_in_scripts()
    {
        var script = PgbenchScriptParser.Parse(TpcbLike, "tpcb-like", "builtin");

        Assert.Equal(["scale"], script.UndefinedVariables(new HashSet<string>()));
        Assert.Empty(script.UndefinedVariables(new HashSet<string> { "scale" }));
        Assert.Equal(new HashSet<string> { "scale", "aid", "bid", "tid", "delta" }, script.VariablesUsed);
    }
}
