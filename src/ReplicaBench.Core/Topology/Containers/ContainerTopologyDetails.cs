namespace ReplicaBench.Topology.Containers;

/// <summary>What the <c>containers</c> provider records in topology.json to tear the topology down.</summary>
/// <param name="TopologyId">The value of the <see cref="ContainerLabels.Topology"/> label on every resource of this topology.</param>
/// <param name="DockerEndpoint">The engine's endpoint (socket path or URL); <c>down</c> refuses to look for the containers on another one.</param>
/// <param name="Image">The image every node runs.</param>
/// <param name="Network">How the servers are reached.</param>
/// <param name="NetworkName">The Docker network created for <see cref="ContainerNetworkMode.Bridge"/>; null with host networking.</param>
/// <param name="Containers">The containers, primary first.</param>
public sealed record ContainerTopologyDetails(
    string TopologyId,
    string? DockerEndpoint,
    string Image,
    ContainerNetworkMode Network,
    string? NetworkName,
    IReadOnlyList<ContainerRecord> Containers);
