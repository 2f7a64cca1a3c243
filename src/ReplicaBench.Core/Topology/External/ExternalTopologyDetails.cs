namespace ReplicaBench.Topology.External;

/// <summary>
/// What topology.json records about an external topology besides its nodes: enough to reconnect
/// (the password is re-resolved, never stored) and to say later how it was configured.
/// </summary>
/// <param name="Database">The database connected to on every endpoint.</param>
/// <param name="User">The role connected as.</param>
/// <param name="SslMode">libpq spelling, e.g. <c>verify-full</c>.</param>
/// <param name="SslRootCert">The CA bundle path, if one was given.</param>
/// <param name="ConfigFile">The <c>--config</c> file, if one was used.</param>
/// <param name="PasswordSource">Where the password came from on <c>up</c> (a variable or file name, never the value), or <c>none</c>.</param>
/// <param name="Notes">What <c>up</c> noticed but did not refuse (missing pg_monitor, names not in pg_stat_replication, no TLS).</param>
public sealed record ExternalTopologyDetails(
    string Database,
    string User,
    string SslMode,
    string? SslRootCert,
    string? ConfigFile,
    string PasswordSource,
    IReadOnlyList<string> Notes);
