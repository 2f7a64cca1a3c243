namespace ReplicaBench.Engine;

/// <summary>
/// The node that served an operation, by its position in <see cref="LoadScenario.Nodes"/> (the
/// topology order: primary first, then replica1..N). <see cref="None"/> (the default) means "no
/// node": the scenario does not route, or the operation failed before a node was chosen.
/// </summary>
public readonly record struct NodeId
{
    // Stored as index + 1 so that default(NodeId) is None.
    private readonly int _slot;

    public NodeId(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        _slot = index + 1;
    }

    public static NodeId None => default;

    /// <summary>The position in <see cref="LoadScenario.Nodes"/>; -1 for <see cref="None"/>.</summary>
    public int Index => _slot - 1;

    public bool IsNone => _slot == 0;

    /// <summary>The recorder's column: 0 for None, index + 1 otherwise.</summary>
    internal int Slot => _slot;
}
