using Npgsql;

namespace ReplicaBench.Topology;

/// <summary>
/// The one schema the suite owns. Everything it creates (bench tables, probe markers) lives here,
/// and nothing outside it is ever created, changed or dropped: against someone's real database
/// (the external provider) that is the safety promise.
/// </summary>
public static class SuiteSchema
{
    public const string Name = "replicabench";

    private const string DropSql = $"DROP SCHEMA IF EXISTS {Name} CASCADE";

    /// <summary>Drops the suite schema with everything in it (bench tables and probe markers). Safe when it does not exist.</summary>
    public static async Task DropAsync(NpgsqlConnection primary, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(DropSql, primary);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
