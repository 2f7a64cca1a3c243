using System.Globalization;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Maps (operation, serving node) to a flat array index — a "cell" — so that recording is an
/// array access. Operations are the scenario's, plus one trailing "(unattributed)" operation for
/// exceptions that escaped a virtual user. Node slot 0 is "(none)", slots 1..N the scenario's nodes.
/// </summary>
internal sealed class CellLayout
{
    public const string UnattributedName = "(unattributed)";
    public const string NoNodeName = "(none)";

    private readonly LoadScenario _scenario;
    private readonly bool[] _isRead;

    public CellLayout(LoadScenario scenario)
    {
        _scenario = scenario;
        OperationCount = scenario.Operations.Count + 1;
        NodeSlots = scenario.Nodes.Count + 1;
        CellCount = OperationCount * NodeSlots;
        _isRead = [.. Enumerable.Range(0, OperationCount).Select(o => OperationKindOf(o) == OperationKind.Read)];
    }

    /// <summary>Declared operations plus the unattributed one.</summary>
    public int OperationCount { get; }

    public int UnattributedOperation => OperationCount - 1;

    public int NodeSlots { get; }

    public int CellCount { get; }

    public int Cell(int operation, int nodeSlot) => (operation * NodeSlots) + nodeSlot;

    public int OperationOf(int cell) => cell / NodeSlots;

    public int NodeSlotOf(int cell) => cell % NodeSlots;

    public string OperationName(int operation) =>
        operation == UnattributedOperation ? UnattributedName : _scenario.Operations[operation].Name;

    public OperationKind? OperationKindOf(int operation) =>
        operation == UnattributedOperation ? null : _scenario.Operations[operation].Kind;

    /// <summary>True for a declared read operation (the unattributed one is neither read nor write).</summary>
    public bool IsRead(int operation) => _isRead[operation];

    /// <summary>Index of an (intended node, serving node) pair of slots, for the reads-by-routing counts.</summary>
    public int RoutePair(int intendedSlot, int servedSlot) => (intendedSlot * NodeSlots) + servedSlot;

    public int RoutePairCount => NodeSlots * NodeSlots;

    public string NodeName(int slot) => slot == 0 ? NoNodeName : _scenario.Nodes[slot - 1].Name;

    /// <summary><c>operation@node</c>: the cell's name in interval-log tags and series.</summary>
    public string CellName(int cell) =>
        string.Create(CultureInfo.InvariantCulture, $"{OperationName(OperationOf(cell))}@{NodeName(NodeSlotOf(cell))}");
}
