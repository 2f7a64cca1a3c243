namespace ReplicaBench.Workload.Scripts;

/// <summary>
/// Collects instructions and turns <c>\if</c>/<c>\elif</c>/<c>\else</c>/<c>\endif</c> into jumps, so that running a
/// script is a loop over a flat list with no nesting to track:
/// <code>
/// \if c1   → ConditionalJump(c1, false → next branch)
///   A
/// \elif c2 → Jump(end), ConditionalJump(c2, false → next branch)
///   B
/// \else    → Jump(end)
///   C
/// \endif   → (nothing; pending jumps now target here)
/// </code>
/// Misplaced branches are refused with pgbench's words and the line of the offending command.
/// </summary>
internal sealed class ControlFlowBuilder(string source)
{
    private readonly List<ScriptInstruction> _instructions = [];
    private readonly Stack<ConditionalBlock> _blocks = new();

    public IReadOnlyList<ScriptInstruction> Instructions => _instructions;

    public int Add(ScriptInstruction instruction)
    {
        _instructions.Add(instruction);
        return _instructions.Count - 1;
    }

    public void Replace(int index, ScriptInstruction instruction) => _instructions[index] = instruction;

    public void If(int line, ScriptExpression condition) =>
        _blocks.Push(new ConditionalBlock(line) { PendingCondition = Add(new ConditionalJumpInstruction(line, condition, -1)) });

    public void Elif(int line, ScriptExpression condition)
    {
        var block = Current(line, "\\elif");
        if (block.SawElse)
        {
            throw Error(line, "\\elif after \\else");
        }

        EndBranch(line, block);
        block.PendingCondition = Add(new ConditionalJumpInstruction(line, condition, -1));
    }

    public void Else(int line)
    {
        var block = Current(line, "\\else");
        if (block.SawElse)
        {
            throw Error(line, "\\else after \\else");
        }

        EndBranch(line, block);
        block.SawElse = true;
    }

    public void EndIf(int line)
    {
        var block = Current(line, "\\endif");
        ResolvePendingCondition(block);
        foreach (var jump in block.EndJumps)
        {
            _instructions[jump] = new JumpInstruction(_instructions[jump].Line, _instructions.Count);
        }

        _blocks.Pop();
    }

    /// <summary>Fails if an <c>\if</c> is still open at the end of the script, naming its line.</summary>
    public void Finish()
    {
        if (_blocks.Count > 0)
        {
            throw Error(_blocks.Peek().Line, "\\if without matching \\endif");
        }
    }

    // The branch that just ended jumps past the whole block; the previous condition, when false, lands after that jump.
    private void EndBranch(int line, ConditionalBlock block)
    {
        block.EndJumps.Add(Add(new JumpInstruction(line, -1)));
        ResolvePendingCondition(block);
    }

    private void ResolvePendingCondition(ConditionalBlock block)
    {
        if (block.PendingCondition is { } index)
        {
            _instructions[index] = ((ConditionalJumpInstruction)_instructions[index]) with { JumpIfFalse = _instructions.Count };
            block.PendingCondition = null;
        }
    }

    private ConditionalBlock Current(int line, string command) =>
        _blocks.Count > 0 ? _blocks.Peek() : throw Error(line, $"{command} without matching \\if");

    private BadInputException Error(int line, string message) => new ScriptPosition(source, line).BadInput(message);
}
