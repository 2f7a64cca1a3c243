using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>Bad scripts and bad <c>FILE@WEIGHT</c> arguments: one line each, naming the file and line and saying what to write.</summary>
public sealed class PgbenchScriptParserErrorTests
{
    [Theory]
    // expressions
    [InlineData("\\set x 1 +", 1, "syntax error in \\set \"1 +\" at column 4: expected a value, found the end of the expression")]
    [InlineData("SELECT 1;\n\\set x (1 + 2", 2, "expected \")\", found the end of the expression")]
    [InlineData("\\set x 1 < 2 < 3", 1, "comparisons cannot be chained")]
    [InlineData("\\set x 1 ? 2", 1, "at column 3: unexpected character \"?\"")]
    [InlineData("\\set x foo(1)", 1, "unexpected function name \"foo\"")]
    [InlineData("\\set x abs(1, 2)", 1, "unexpected number of arguments (abs): 1 expected, 2 given")]
    [InlineData("\\set x least()", 1, "unexpected number of arguments (least): at least 1 expected, 0 given")]
    [InlineData("\\set x random(1)", 1, "unexpected number of arguments (random): 2 expected, 1 given")]
    [InlineData("\\set x 9223372036854775808", 1, "bigint constant overflow \"9223372036854775808\"")]
    [InlineData("\\set x 99999999999999999999", 1, "bigint constant overflow")]
    [InlineData("\\set x 1e400", 1, "double constant overflow")]
    [InlineData("\\set x 1 2", 1, "unexpected \"2\"")]
    [InlineData("\\set x pi", 1, "expected \"(\" after the function name pi")]
    [InlineData("\\set x CASE 1 END", 1, "expected WHEN")]
    [InlineData("\\set x 1 is 2", 1, "expected NULL, TRUE or FALSE after IS")]
    [InlineData("\\set x\n", 1, "missing argument in \\set")]
    [InlineData("\\set 1x 3", 1, "invalid variable name \"1x\"")]
    [InlineData("\\if\nSELECT 1;\n\\endif", 1, "missing argument in \\if")]
    [InlineData("\\if true\n\\elif 1 +\n\\endif", 2, "syntax error in \\elif \"1 +\"")]
    // meta-commands
    [InlineData("\\shell ls", 1, "unknown meta-command \\shell; supported: \\set, \\sleep, \\if, \\elif, \\else, \\endif, \\gset")]
    [InlineData("SELECT 1;\n\\setshell x echo 1", 2, "unknown meta-command \\setshell;")]
    [InlineData("SELECT 1 \\aset", 1, "unknown meta-command \\aset;")]
    [InlineData("\\startpipeline\nSELECT 1;\n\\endpipeline", 1, "unknown meta-command \\startpipeline;")]
    [InlineData("\\sett x 1", 1, "unknown meta-command \\sett;")]
    [InlineData("SELECT 1 \\; SELECT 2;", 1, "unknown meta-command \\;;")]
    [InlineData("\\sleep 1 xs", 1, "unrecognized time unit \"xs\" in \\sleep, must be us, ms or s")]
    [InlineData("\\sleep x", 1, "invalid sleep time \"x\", must be an integer")]
    [InlineData("\\sleep 1.5 ms", 1, "invalid sleep time \"1.5\"")]
    [InlineData("\\sleep", 1, "missing argument in \\sleep")]
    [InlineData("\\sleep 1 ms now", 1, "too many arguments in \\sleep")]
    [InlineData("\\sleep :1x", 1, "invalid variable name \"1x\" in \\sleep")]
    [InlineData("\\gset", 1, "\\gset must follow an SQL command")]
    [InlineData("\\set x 1\n\\gset", 2, "\\gset must follow an SQL command")]
    [InlineData("SELECT 1 AS a \\gset\n\\gset", 2, "\\gset must follow an SQL command")]
    [InlineData("SELECT 1 \\gset a b", 1, "too many arguments in \\gset")]
    [InlineData("SELECT 1 \\gset 1p_", 1, "invalid \\gset prefix \"1p_\"")]
    // conditionals, in pgbench's words
    [InlineData("\\if true\nSELECT 1;\n", 1, "\\if without matching \\endif")]
    [InlineData("SELECT 1;\n\\if true\n\\if false\n\\endif\n", 2, "\\if without matching \\endif")]
    [InlineData("\\if true\n\\else\n\\else\n\\endif", 3, "\\else after \\else")]
    [InlineData("\\if true\n\\else\n\\elif false\n\\endif", 3, "\\elif after \\else")]
    [InlineData("SELECT 1;\n\\else", 2, "\\else without matching \\if")]
    [InlineData("\\elif true", 1, "\\elif without matching \\if")]
    [InlineData("SELECT 1;\n\\endif", 2, "\\endif without matching \\if")]
    [InlineData("\\if true\n\\else foo\n\\endif", 2, "unexpected argument in \\else")]
    // SQL
    [InlineData("SELECT 'abc;\n", 1, "unterminated quoted string")]
    [InlineData("SELECT 1;\nSELECT 'it''s\n;", 2, "unterminated quoted string")]
    [InlineData("SELECT E'it\\';", 1, "unterminated quoted string")]
    [InlineData("SELECT \"abc;", 1, "unterminated quoted identifier")]
    [InlineData("SELECT $$abc;", 1, "unterminated dollar-quoted string")]
    [InlineData("SELECT $f$ abc $$;", 1, "unterminated dollar-quoted string")]
    [InlineData("SELECT 1 /* /* */;", 1, "unterminated /* comment")]
    [InlineData("SELECT :'name';", 1, "psql-style quoted variable :'name' is not supported")]
    [InlineData("SELECT :\"name\";", 1, "psql-style quoted variable :\"name\" is not supported")]
    [InlineData("SELECT $1;", 1, "positional parameter $1")]
    [InlineData("-- replicabench: read\nSELECT 1;\n-- replicabench: write\n", 3, "contradicts '-- replicabench: read' on line 1")]
    public void Bad_scripts_fail_with_one_line_naming_file_and_line(string text, int line, string expected)
    {
        var ex = Assert.Throws<BadInputException>(() => PgbenchScriptParser.Parse(text, "bad", "bad.sql"));

        Assert.StartsWith($"bad.sql:{line}: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-- only a comment\n\n;\n")]
    public void A_script_without_commands_is_refused(string text)
    {
        var ex = Assert.Throws<BadInputException>(() => PgbenchScriptParser.Parse(text, "empty", "empty.sql"));

        Assert.Equal("empty.sql: the script has no commands; write at least one SQL statement or meta-command.", ex.Message);
    }

    [Theory]
    [InlineData("\\set x :y + 1\nSELECT :x;\n", new[] { "y" })]
    [InlineData("SELECT :a, :b;\n\\set a 1\nSELECT :a;\n", new[] { "a", "b" })]
    [InlineData("\\set a 1\nSELECT :a;\n", new string[0])]
    [InlineData("\\sleep :pause ms\n\\if :flag\nSELECT 1;\n\\endif\n", new[] { "pause", "flag" })]
    [InlineData("\\set h hash(:client_id)\n", new[] { "default_seed" })]
    [InlineData("SELECT 1 AS one \\gset p_\nSELECT :p_one, :q;\n", new[] { "q" })]
    [InlineData("SELECT 1 AS one \\gset\nSELECT :one, :anything;\n", new string[0])]
    [InlineData("SELECT :x;\nSELECT 1 AS x \\gset\n", new[] { "x" })]
    public void Undefined_variables_are_those_read_before_any_command_sets_them(string text, string[] expected)
    {
        var script = PgbenchScriptParser.Parse(text, "vars", "vars.sql");

        Assert.Equal(expected, script.UndefinedVariables(new HashSet<string> { "scale", "client_id" }));
    }

    [Fact]
    public void Evaluating_a_set_of_an_undefined_variable_fails_with_the_line()
    {
        var script = PgbenchScriptParser.Parse("SELECT 1;\n\\set x :nope * 2\n", "vars", "vars.sql");
        var set = Assert.IsType<SetInstruction>(script.Instructions[1]);

        Assert.Equal(["nope"], script.UndefinedVariables(new HashSet<string>()));
        var ex = Assert.Throws<ScriptRuntimeException>(() => set.Value.Evaluate(new ScriptVariables(), new Random(1)));
        Assert.Equal("vars.sql:2: undefined variable \"nope\"", ex.Message);
    }

    [Theory]
    [InlineData("@0", "the weight '0' is not a positive whole number")]
    [InlineData("@x", "the weight 'x' is not a positive whole number")]
    [InlineData("@1.5", "the weight '1.5' is not a positive whole number")]
    [InlineData("@-2", "the weight '-2' is not a positive whole number")]
    [InlineData("@", "the weight '' is not a positive whole number")]
    [InlineData("@99999999999", "the weight '99999999999' is not a positive whole number")]
    public void Bad_weights_are_refused_with_the_fix(string suffix, string expected)
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("f.sql");
        File.WriteAllText(file, "SELECT 1;\n");

        var ex = Assert.Throws<BadInputException>(() => PgbenchScriptParser.Load(file + suffix));

        Assert.Equal($"script '{file}{suffix}': {expected}; write FILE@WEIGHT with a weight of 1 or more, e.g. {file}@1.", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_by_name()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("x.sql");

        var ex = Assert.Throws<BadInputException>(() => PgbenchScriptParser.Load(file + "@3"));

        Assert.StartsWith($"script '{file}' does not exist; ", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("@1", 1)]
    [InlineData("@7", 7)]
    public void Load_reads_the_file_with_its_weight_and_names_it_after_the_file(string suffix, int weight)
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("select-only.sql");
        File.WriteAllText(file, BuiltInScriptTests.SelectOnly);

        var script = PgbenchScriptParser.Load(file + suffix);

        Assert.Equal("select-only", script.Name);
        Assert.Equal(file, script.Source);
        Assert.Equal(weight, script.Weight);
        Assert.Equal(ScriptAccess.Read, script.Access);
    }

    [Fact]
    public void Errors_in_a_loaded_file_name_its_path_and_line()
    {
        using var directory = new TempDirectory();
        var file = directory.Combine("bad.sql");
        File.WriteAllText(file, "SELECT 1;\n\n\\shell ls\n");

        var ex = Assert.Throws<BadInputException>(() => PgbenchScriptParser.Load(file + "@2"));

        Assert.StartsWith($"{file}:3: unknown meta-command \\shell", ex.Message, StringComparison.Ordinal);
    }
}
