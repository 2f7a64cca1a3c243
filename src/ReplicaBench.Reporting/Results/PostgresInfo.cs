namespace ReplicaBench.Reporting.Results;

/// <summary>The PostgreSQL server version the run measured.</summary>
public sealed record PostgresInfo(string? Version);
