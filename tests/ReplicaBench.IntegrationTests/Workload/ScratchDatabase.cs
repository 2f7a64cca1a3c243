using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// A throwaway database on the shared topology (replicated like any other), so that tests which
/// create, inspect and drop the suite schema cannot disturb the schema other tests rely on.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private ScratchDatabase(TopologyDescriptor topology, string name)
    {
        Name = name;
        _adminConnectionString = topology.Primary.ConnectionString;
        Primary = WithDatabase(topology.Primary.ConnectionString, name);
        Replica1 = WithDatabase(topology.FindNode("replica1")!.ConnectionString, name);
    }

    public string Name { get; }

    public string Primary { get; }

    public string Replica1 { get; }

    public static async Task<ScratchDatabase> CreateAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var name = $"rb_scratch_{Guid.NewGuid():N}"[..24];
        await using var admin = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new ScratchDatabase(topology, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = await WorkloadDatabase.OpenAsync(_adminConnectionString, CancellationToken.None);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", admin);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static string WithDatabase(string connectionString, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
}
