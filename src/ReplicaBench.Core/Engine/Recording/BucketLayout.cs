using System.Globalization;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// Maps (operation, serving node) to a flat array index — a "bucket" — so that recording is an
/// array access. Operations are the scenario's, plus one trailing "(unattributed)" operation for
/// exceptions that escaped a virtual user. Node slot 0 is "(none)", slots 1..N the scenario's nodes.
/// </summary>
internal sealed class BucketLayout
{
    public const string UnattributedName = "(unattributed)";
    public const string NoNodeName = "(none)";

    private readonly LoadScenario _scenario;
    private readonly bool[] _isRead;

    public BucketLayout(LoadScenario scenario)
    {
        _scenario = scenario;
        OperationCount = scenario.Operations.Count + 1;
        NodeSlots = scenario.Nodes.Count + 1;
        BucketCount = OperationCount * NodeSlots;
        _isRead = [.. Enumerable.Range(0, OperationCount).Select(o => OperationKindOf(o) == OperationKind.Read)];
    }

    /// <summary>Declared operations plus the unattributed one.</summary>
    public int OperationCount { get; }

    public int UnattributedOperation => OperationCount - 1;

    public int NodeSlots { get; }

    public int BucketCount { get; }

    public int Bucket(int operation, int nodeSlot) => (operation * NodeSlots) + nodeSlot;

    public int OperationOf(int bucket) => bucket / NodeSlots;

    public int NodeSlotOf(int bucket) => bucket % NodeSlots;

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

    /// <summary><c>operation@node</c>: the bucket's name in interval-log tags and series.</summary>
    public string CellName(int bucket) =>
        string.Create(CultureInfo.InvariantCulture, $"{OperationName(OperationOf(bucket))}@{NodeName(NodeSlotOf(bucket))}");
}
