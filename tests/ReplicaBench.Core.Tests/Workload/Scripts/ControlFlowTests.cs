using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Tests.Workload.Scripts;

/// <summary>
/// <c>\if</c>/<c>\elif</c>/<c>\else</c>/<c>\endif</c> become jumps in a flat list; running that list must take exactly
/// the branch pgbench would.
/// </summary>
public sealed class ControlFlowTests
{
    private const string Chain = """
        \if :v = 1
        SELECT 'one';
        \elif :v = 2
        SELECT 'two';
        \elif :v = 3
        \if :w
        SELECT 'three-w';
        \else
        SELECT 'three';
        \endif
        \else
        SELECT 'other';
        \endif
        SELECT 'end';
        """;

    [Theory]
    [InlineData(1, 0, "'one' 'end'")]
    [InlineData(2, 0, "'two' 'end'")]
    [InlineData(3, 1, "'three-w' 'end'")]
    [InlineData(3, 0, "'three' 'end'")]
    [InlineData(4, 0, "'other' 'end'")]
    public void Exactly_one_branch_runs(long v, long w, string expected)
    {
        Assert.Equal(expected, Run(Chain, v, w));
    }

    [Theory]
    [InlineData("\\if :v\nSELECT 'a';\n\\endif", 1, "'a'")]
    [InlineData("\\if :v\nSELECT 'a';\n\\endif", 0, "")]
    [InlineData("\\if :v\n\\else\nSELECT 'b';\n\\endif", 1, "")]
    [InlineData("\\if :v\n\\else\nSELECT 'b';\n\\endif", 0, "'b'")]
    [InlineData("\\if :v <> 0\nSELECT 'a';\n\\endif\nSELECT 'z';", 0, "'z'")]
    [InlineData("\\if null\nSELECT 'a';\n\\else\nSELECT 'b';\n\\endif", 1, "'b'")]
    [InlineData("\\if 0.0\nSELECT 'a';\n\\elif :v * 0.5\nSELECT 'b';\n\\endif", 1, "'b'")]
    public void Conditions_use_pgbench_truth(string text, long v, string expected)
    {
        Assert.Equal(expected, Run(text, v, 0));
    }

    [Fact]
    public void Jumps_point_past_the_block_and_may_target_the_end_of_the_script()
    {
        var script = PgbenchScriptParser.Parse("\\if true\nSELECT 1;\n\\else\nSELECT 2;\n\\endif\n", "flow", "flow.sql");

        Assert.Equal(
            [
                new ConditionalJumpInstruction(1, ((ConditionalJumpInstruction)script.Instructions[0]).Condition, 3),
                script.Instructions[1],
                new JumpInstruction(3, 4),
                script.Instructions[3],
            ],
            script.Instructions);
        Assert.Equal(script.Instructions.Count, ((JumpInstruction)script.Instructions[2]).Target);
    }

    // The engine's stepping (ScriptInstruction.Next) over the flat list, with each SQL command recorded instead of run.
    private static string Run(string text, long v, long w)
    {
        var script = PgbenchScriptParser.Parse(text, "flow", "flow.sql");
        var variables = new ScriptVariables().Set("v", ScriptValue.FromInt64(v)).Set("w", ScriptValue.FromInt64(w));
        var random = new Random(1);
        var executed = new List<string>();
        for (var next = 0; next < script.Instructions.Count;)
        {
            var instruction = script.Instructions[next];
            if (instruction is SqlInstruction sql)
            {
                executed.Add(sql.Text["SELECT ".Length..]);
            }

            next = instruction.Next(next + 1, variables, random);

            Assert.InRange(next, 0, script.Instructions.Count);
        }

        return string.Join(' ', executed);
    }
}
