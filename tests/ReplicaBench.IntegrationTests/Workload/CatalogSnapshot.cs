using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// Every catalog object outside the suite schema — schemas, relations (tables, indexes, sequences,
/// TOAST tables), types and functions — as sorted text, to show that the workload touches nothing else.
/// </summary>
internal static class CatalogSnapshot
{
    private const string Sql = $"""
        SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname <> '{SuiteSchema.Name}'
        UNION ALL
        SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname <> '{SuiteSchema.Name}'
        UNION ALL
        SELECT 'type ' || n.nspname || '.' || t.typname
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname <> '{SuiteSchema.Name}'
        UNION ALL
        SELECT 'function ' || n.nspname || '.' || p.proname
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname <> '{SuiteSchema.Name}'
        ORDER BY 1
        """;

    public static async Task<IReadOnlyList<string>> OutsideSuiteSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var objects = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            objects.Add(reader.GetString(0));
        }

        return objects;
    }
}
