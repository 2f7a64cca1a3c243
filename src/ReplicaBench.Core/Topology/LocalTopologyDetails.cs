namespace ReplicaBench.Topology;

/// <summary>What the <c>local</c> provider must remember to stop and remove its servers.</summary>
/// <param name="DataRoot">The one directory holding every node's data directory and log; removed on <c>down</c>.</param>
/// <param name="BinDirectory">The PostgreSQL server binaries used (pg_ctl must match the data directories).</param>
/// <param name="OsUser">The OS user the servers run as, or null when they run as the invoking user.</param>
/// <param name="PostmasterPids">Postmaster process id per node name, to prove on <c>down</c> that nothing is left running.</param>
public sealed record LocalTopologyDetails(
    string DataRoot,
    string BinDirectory,
    string? OsUser,
    IReadOnlyDictionary<string, int> PostmasterPids);
