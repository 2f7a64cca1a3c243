using System.Text.Json.Serialization;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// How the containers' servers are reached. Both keep every server on loopback as seen from this
/// machine; they differ in the path packets take, which a latency benchmark can see.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ContainerNetworkMode>))]
public enum ContainerNetworkMode
{
    /// <summary>
    /// Docker host networking: each server listens on its own free port of 127.0.0.1 in the host's
    /// network namespace, the replicas reach the primary there too. The same transport as the
    /// <c>local</c> provider (no NAT, no userland proxy), and no Docker network to create.
    /// Works on Linux engines (and on Docker Desktop only where host networking is enabled).
    /// </summary>
    [JsonStringEnumMemberName("host")]
    Host,

    /// <summary>
    /// A user-defined Docker bridge network per topology: every server listens on 5432 inside its
    /// container, replicas reach the primary by its network alias, and each server's port is
    /// published on 127.0.0.1 only. Works wherever Docker does (Docker Desktop included); the
    /// published ports add Docker's port forwarding to every round trip.
    /// </summary>
    [JsonStringEnumMemberName("bridge")]
    Bridge,
}
