namespace ReplicaBench.Engine.RunResults;

/// <summary>How many reads meant for one node were served by another (or by the same one).</summary>
public sealed record IntendedServedCount(string IntendedNode, string ServedNode, long Reads)
{
    /// <summary>True when the read ran where the policy wanted it.</summary>
    public bool AsIntended => string.Equals(IntendedNode, ServedNode, StringComparison.Ordinal);

    /// <summary>One line, e.g. <c>read intended replica2, served by primary: 12</c>.</summary>
    public override string ToString() => $"read intended {IntendedNode}, served by {ServedNode}: {Reads}";
}
