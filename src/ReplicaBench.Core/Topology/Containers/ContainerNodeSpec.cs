using ReplicaBench.Engine;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology.Containers;

/// <summary>Everything that differs between the containers of one topology.</summary>
/// <param name="Name">Node name (<c>primary</c>, <c>replica1</c>, ...).</param>
/// <param name="Role">Primary or replica.</param>
/// <param name="ServerPort">The port PostgreSQL listens on inside the container's network namespace (the host's with host networking).</param>
/// <param name="Script">The entry script (<see cref="ContainerEntryScript"/>).</param>
/// <param name="Settings">postgresql.conf lines appended before the server starts.</param>
/// <param name="Cpus">Docker's <c>--cpus</c> for the container, or null for no quota.</param>
/// <param name="MemoryBytes">Docker's <c>--memory</c> for the container, or null for no limit.</param>
/// <param name="Certificates">With <c>--tls</c>, the topology's certificates (the server certificate and key are copied in); else null.</param>
internal sealed record ContainerNodeSpec(string Name, NodeRole Role, int ServerPort, string Script, string Settings, double? Cpus = null, long? MemoryBytes = null, TopologyCertificates? Certificates = null);
