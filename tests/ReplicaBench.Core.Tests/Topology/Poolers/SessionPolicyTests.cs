using Npgsql;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Tests.Topology.Poolers;

public sealed class SessionPolicyTests
{
    private const string Direct = "Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d;Options=-c default_transaction_read_only=on";

    [Fact]
    public void A_pooled_endpoint_has_no_startup_options_no_automatic_preparation_and_no_reset()
    {
        var pooled = new NpgsqlConnectionStringBuilder(SessionPolicy.ForPooledEndpoint(Direct));

        Assert.True(pooled.NoResetOnClose);
        Assert.Equal(0, pooled.MaxAutoPrepare);
        Assert.Null(pooled.Options);
        Assert.Equal("p", pooled.Password);
        Assert.Equal(5432, pooled.Port);
    }

    [Fact]
    public void Only_a_pooled_endpoint_s_connection_string_reads_as_pooled()
    {
        Assert.True(SessionPolicy.IsPooled(SessionPolicy.ForPooledEndpoint(Direct)));
        Assert.False(SessionPolicy.IsPooled(Direct));
        Assert.False(SessionPolicy.IsPooled(null));
        Assert.False(SessionPolicy.IsPooled(string.Empty));
    }

    [Fact]
    public async Task A_command_on_a_pooled_connection_is_not_prepared_and_needs_no_server()
    {
        // Nothing listens on port 1: preparing would have to reach a server and fail; skipping must not.
        await using var connection = new NpgsqlConnection(SessionPolicy.ForPooledEndpoint("Host=127.0.0.1;Port=1;Username=u;Database=d"));
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        await SessionPolicy.PrepareAsync(command, TestContext.Current.CancellationToken);

        Assert.False(command.IsPrepared);
    }

    [Fact]
    public async Task A_command_on_a_direct_connection_is_prepared()
    {
        // Preparing a command on a closed direct connection is attempted, and Npgsql refuses it: proof the switch let it through.
        await using var connection = new NpgsqlConnection("Host=127.0.0.1;Port=1;Username=u;Database=d");
        await using var command = new NpgsqlCommand("SELECT 1", connection);

        await Assert.ThrowsAsync<InvalidOperationException>(() => SessionPolicy.PrepareAsync(command, TestContext.Current.CancellationToken));
    }
}
