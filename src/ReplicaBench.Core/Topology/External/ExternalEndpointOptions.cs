using System.ComponentModel;

namespace ReplicaBench.Topology.External;

/// <summary>
/// One endpoint as configured: in a file <c>{ "name": "replica1", "host": "...", "port": 5432 }</c>,
/// or anywhere as a string <c>host[:port]</c> (replicas also <c>name=host[:port]</c>; see
/// <see cref="ExternalEndpointOptionsConverter"/>).
/// </summary>
[TypeConverter(typeof(ExternalEndpointOptionsConverter))]
public sealed class ExternalEndpointOptions
{
    /// <summary>A replica's node name; by default <c>replica1</c>..<c>replicaN</c> by position. Not used for the primary.</summary>
    public string? Name { get; set; }

    /// <summary>Host name or address, exactly as a .pgpass line would match it. Required.</summary>
    public string? Host { get; set; }

    /// <summary>TCP port.</summary>
    /// <value>Default 5432, PostgreSQL's.</value>
    public int Port { get; set; } = ExternalEndpoint.DefaultPort;
}
