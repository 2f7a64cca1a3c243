using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>The PostgreSQL server version the run measured.</summary>
public sealed record PostgresInfo(
    [property: Description("server_version of the primary; null when no server was reached.")] string? Version);
