using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Builds the Npgsql connection string for an external endpoint: TLS settings, the connect timeout,
/// <c>Application Name=replicabench</c> (so a DBA sees the suite's sessions in pg_stat_activity),
/// and, when writes are not allowed, a session default of <c>default_transaction_read_only=on</c>
/// on the primary: a second, server-enforced line behind <see cref="WriteInterlock"/> that turns any
/// write the guard missed into PostgreSQL's read-only error (25006) instead of a change.
/// </summary>
internal static class ExternalConnectionStrings
{
    public const string ApplicationName = "replicabench";

    /// <summary>The startup <c>options</c> that make every transaction of the session read-only.</summary>
    public const string ReadOnlySessionOptions = "-c default_transaction_read_only=on";

    public static string For(ExternalTopologyConfig config, ExternalEndpoint endpoint, ExternalPassword? password, bool readOnlySession)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = endpoint.Host,
            Port = endpoint.Port,
            Database = config.Database,
            Username = config.User,
            SslMode = config.SslMode,
            Timeout = (int)Math.Ceiling(config.ConnectTimeout.TotalSeconds),
            ApplicationName = ApplicationName,
        };
        if (config.SslRootCert is not null)
        {
            builder.RootCertificate = config.SslRootCert;
        }

        password?.ApplyTo(builder);

        if (readOnlySession)
        {
            builder.Options = ReadOnlySessionOptions;
        }

        return builder.ConnectionString;
    }

    /// <summary>Makes writes possible for this one unpooled session (used only by <c>down --drop-schema</c>).</summary>
    public static void WritableUnpooled(NpgsqlConnectionStringBuilder builder)
    {
        builder.Options = null;
        builder.Pooling = false;
    }
}
