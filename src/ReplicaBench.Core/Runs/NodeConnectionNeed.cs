namespace ReplicaBench.Runs;

/// <summary>The most connections a run holds open on one node at once (see <see cref="ConnectionDemand"/>).</summary>
/// <param name="Node">The node's name (<c>primary</c>, <c>replica1</c>, ...).</param>
/// <param name="VirtualUsers">The virtual users' connections: one each on every node the policies may route them to.</param>
/// <param name="Suite">The suite's own: monitor, lag sampler, visibility probe, recheck, seeding and catch-up waits.</param>
public sealed record NodeConnectionNeed(string Node, int VirtualUsers, int Suite)
{
    public int Total => VirtualUsers + Suite;
}
