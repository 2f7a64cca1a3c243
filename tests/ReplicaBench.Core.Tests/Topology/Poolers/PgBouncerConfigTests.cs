using ReplicaBench.Topology.Local;

namespace ReplicaBench.Tests.Topology.Poolers;

public sealed class PgBouncerConfigTests
{
    private static readonly PgBouncerConfig Config = new(ListenPort: 6500, ServerPort: 5500, Files: "/data/pgbouncer-replica1");

    private static Dictionary<string, string> Settings() => Config.Ini()
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(l => l.Contains(" = ", StringComparison.Ordinal))
        .Select(l => l.Split(" = ", 2))
        .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    [Fact]
    public void Pools_in_transaction_mode_on_loopback_in_front_of_the_node_s_server()
    {
        var settings = Settings();

        Assert.Equal("host=127.0.0.1 port=5500", settings["*"]);
        Assert.Equal("127.0.0.1", settings["listen_addr"]);
        Assert.Equal("6500", settings["listen_port"]);
        Assert.Equal(string.Empty, settings["unix_socket_dir"]);
        Assert.Equal("transaction", settings["pool_mode"]);
        Assert.Equal("scram-sha-256", settings["auth_type"]);
    }

    [Fact]
    public void Keeps_its_files_beside_each_other_in_the_data_root()
    {
        var settings = Settings();

        Assert.Equal("/data/pgbouncer-replica1.userlist", settings["auth_file"]);
        Assert.Equal("/data/pgbouncer-replica1.pid", settings["pidfile"]);
        Assert.Equal("/data/pgbouncer-replica1.log", settings["logfile"]);
        Assert.Equal("/data/pgbouncer-replica1.ini", Config.IniFile);
    }

    [Fact]
    public void Takes_many_clients_on_a_pool_well_under_the_servers_max_connections()
    {
        var settings = Settings();

        Assert.Equal("40", settings["default_pool_size"]);
        Assert.Equal("0", settings["reserve_pool_size"]);
        Assert.Equal("2000", settings["max_client_conn"]);
        // The local servers' max_connections is 200 (LocalServerSettings).
        Assert.True(PgBouncerConfig.DefaultPoolSize * 4 <= 200);
    }

    [Fact]
    public void The_user_list_quotes_the_user_and_the_scram_secret()
    {
        Assert.Equal("\"replicabench\" \"SCRAM-SHA-256$4096:c2FsdA==$a:b\"\n", PgBouncerConfig.UserList("replicabench", "SCRAM-SHA-256$4096:c2FsdA==$a:b"));
        Assert.Equal("\"we\"\"ird\" \"x\"\n", PgBouncerConfig.UserList("we\"ird", "x"));
    }
}
