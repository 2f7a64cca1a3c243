using System.Globalization;
using System.Text;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// The pgbouncer.ini and userlist.txt of the PgBouncer the local provider puts in front of one
/// node: loopback only, transaction pooling, the suite's login checked and forwarded with SCRAM.
/// </summary>
/// <param name="ListenPort">The pooler's port on 127.0.0.1.</param>
/// <param name="ServerPort">The node's server port on 127.0.0.1.</param>
/// <param name="Files">Where the pooler's files go: <c>{Files}.ini</c>, <c>.userlist</c>, <c>.pid</c>, <c>.log</c>.</param>
internal sealed record PgBouncerConfig(int ListenPort, int ServerPort, string Files)
{
    /// <summary>
    /// Server connections per database and user. The local servers allow 200 connections
    /// (<see cref="LocalServerSettings"/>); 40 through the pooler leaves room for the suite's direct
    /// sessions (a bypass comparison run, <c>down</c>, a DBA's psql) and is still far more than two
    /// cores can run at once: a pool larger than the cores only queues in the server instead of in
    /// the pooler.
    /// </summary>
    public const int DefaultPoolSize = 40;

    /// <summary>Clients one pooler accepts; well above any load the suite runs (the point is many clients on few servers).</summary>
    public const int MaxClientConnections = 2000;

    public string IniFile => Files + ".ini";

    public string UserListFile => Files + ".userlist";

    public string PidFile => Files + ".pid";

    public string LogFile => Files + ".log";

    public string Ini()
    {
        var text = new StringBuilder("; Written by ReplicaBench (local provider, --pooler pgbouncer)\n");
        text.Append("[databases]\n");
        // Any database name the client asks for, on this node's server.
        text.Append(CultureInfo.InvariantCulture, $"* = host=127.0.0.1 port={ServerPort}\n");
        text.Append("[pgbouncer]\n");
        Line(text, "listen_addr", "127.0.0.1");
        Line(text, "listen_port", ListenPort.ToString(CultureInfo.InvariantCulture));
        // TCP only, like the servers: no socket file to clean up.
        Line(text, "unix_socket_dir", string.Empty);
        Line(text, "auth_type", "scram-sha-256");
        Line(text, "auth_file", UserListFile);
        Line(text, "pidfile", PidFile);
        Line(text, "logfile", LogFile);
        Line(text, "pool_mode", "transaction");
        Line(text, "default_pool_size", DefaultPoolSize.ToString(CultureInfo.InvariantCulture));
        Line(text, "reserve_pool_size", "0");
        Line(text, "max_client_conn", MaxClientConnections.ToString(CultureInfo.InvariantCulture));
        // Hundreds of virtual users connect at once; the default backlog (128) would make some wait
        // for a SYN retry (a second) and show up as connect latency that is not the pooler's.
        Line(text, "listen_backlog", "4096");
        // Npgsql's startup packet may carry this; PgBouncer refuses unknown startup parameters.
        Line(text, "ignore_startup_parameters", "extra_float_digits");
        Line(text, "log_connections", "0");
        Line(text, "log_disconnections", "0");
        return text.ToString();
    }

    /// <summary>The one line of userlist.txt: the suite's user and its SCRAM secret (<c>SCRAM-SHA-256$...</c>, from pg_authid; the file is mode 0600).</summary>
    public static string UserList(string user, string scramSecret) => $"\"{Quote(user)}\" \"{Quote(scramSecret)}\"\n";

    private static void Line(StringBuilder text, string name, string value) => text.Append(name).Append(" = ").Append(value).Append('\n');

    // userlist.txt doubles a quote inside a quoted field; generated passwords have none, but a user might.
    private static string Quote(string value) => value.Replace("\"", "\"\"", StringComparison.Ordinal);
}
