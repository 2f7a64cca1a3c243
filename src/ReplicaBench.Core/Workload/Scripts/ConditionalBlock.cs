namespace ReplicaBench.Workload.Scripts;

/// <summary>An open <c>\if</c> block while <see cref="ControlFlowBuilder"/> works: where it started and which jumps still need a target.</summary>
internal sealed class ConditionalBlock(int line)
{
    /// <summary>The line of the <c>\if</c>, for "\if without matching \endif".</summary>
    public int Line { get; } = line;

    /// <summary>The conditional jump of the latest <c>\if</c>/<c>\elif</c>, whose false target is the next branch.</summary>
    public int? PendingCondition { get; set; }

    public bool SawElse { get; set; }

    /// <summary>The jumps at the end of each branch, which go to the <c>\endif</c>.</summary>
    public List<int> EndJumps { get; } = [];
}
