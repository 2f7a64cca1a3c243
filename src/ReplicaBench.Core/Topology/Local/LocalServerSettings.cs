using System.Globalization;
using System.Text;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// The postgresql.conf lines the local provider appends, chosen for a replication benchmark on one
/// machine. Durability stays on (fsync, synchronous_commit): write latency is part of what a user
/// measures, and a benchmark that turns it off flatters the primary.
/// </summary>
internal static class LocalServerSettings
{
    public static string ForPrimary(int port, int? maxConnections = null) => Lines(Primary(port, maxConnections));

    /// <summary>
    /// The primary's lines plus TLS with the certificate and key in <paramref name="tlsDirectory"/>;
    /// replicas are cloned from the primary's data directory and so inherit them.
    /// </summary>
    public static string ForPrimary(int port, string? tlsDirectory, int? maxConnections = null) => tlsDirectory is null
        ? ForPrimary(port, maxConnections)
        : Lines([.. Primary(port, maxConnections), .. Tls(Path.Combine(tlsDirectory, LocalServerTls.CertificateFileName), Path.Combine(tlsDirectory, LocalServerTls.KeyFileName))]);

    /// <summary>Only the TLS lines (the containers provider appends them to the primary's).</summary>
    public static string ForTls(string certificateFile, string keyFile) => Lines(Tls(certificateFile, keyFile));

    /// <summary>TLS on, with the given certificate and key files (no <c>ssl_ca_file</c>: the servers ask no client certificates).</summary>
    private static (string Name, string Value)[] Tls(string certificateFile, string keyFile) =>
    [
        ("ssl", "on"),
        ("ssl_cert_file", Quoted(certificateFile)),
        ("ssl_key_file", Quoted(keyFile)),
    ];

    private static (string Name, string Value)[] Primary(int port, int? maxConnections) =>
    [
        ("listen_addresses", "'127.0.0.1'"),
        ("port", port.ToString(CultureInfo.InvariantCulture)),
        // TCP only: no socket files to clean up, and the same path clients take to RDS.
        ("unix_socket_directories", "''"),
        ("max_connections", (maxConnections ?? TopologyRequest.DefaultMaxConnections).ToString(CultureInfo.InvariantCulture)),
        ("shared_buffers", "128MB"),
        ("wal_level", "replica"),
        ("max_wal_senders", "20"),
        ("max_replication_slots", "20"),
        ("hot_standby", "on"),
        // Replicas tell the primary which rows their queries still need, so long reads on a
        // replica are not cancelled by vacuum on the primary (what a read-replica setup wants).
        ("hot_standby_feedback", "on"),
        // Report replay progress every second (default 10s) so pg_stat_replication's lag is fresh.
        ("wal_receiver_status_interval", "1s"),
        ("log_line_prefix", "'%m [%p] '"),
        ("log_min_messages", "warning"),
    ];

    /// <summary>Lines appended to a replica's copy of the primary's configuration.</summary>
    public static string ForReplica(int port, TimeSpan applyDelay)
    {
        var lines = new List<(string, string)> { ("port", port.ToString(CultureInfo.InvariantCulture)) };
        if (applyDelay > TimeSpan.Zero)
        {
            lines.Add(("recovery_min_apply_delay", $"'{(long)applyDelay.TotalMilliseconds}ms'"));
        }

        return Lines([.. lines]);
    }

    /// <summary>A postgresql.conf string value: single quotes, a quote inside doubled.</summary>
    private static string Quoted(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Lines(params (string Name, string Value)[] settings)
    {
        var text = new StringBuilder("\n# Added by ReplicaBench (local provider)\n");
        foreach (var (name, value) in settings)
        {
            text.Append(name).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }
}
