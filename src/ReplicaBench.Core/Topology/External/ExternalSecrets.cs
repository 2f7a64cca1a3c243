using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Keeps external passwords out of topology.json. An external password belongs to someone else's
/// long-lived server (RDS), unlike the local provider's throwaway generated one, so it is not
/// copied into a second file: the descriptor is written without it, and when topology.json is read
/// the password is resolved again from the same sources as on <c>up</c> (<see cref="PasswordResolver"/>).
/// In memory a descriptor always has usable connection strings.
/// </summary>
internal static class ExternalSecrets
{
    /// <summary>The descriptor as it may be written to disk: external connection strings without passwords.</summary>
    public static TopologyDescriptor WithoutPasswords(TopologyDescriptor topology) => topology.External is null
        ? topology
        : topology with { Nodes = [.. topology.Nodes.Select(n => n with { ConnectionString = Strip(n.ConnectionString) })] };

    /// <summary>The descriptor read from disk with each external endpoint's password resolved again (left out where none is found).</summary>
    public static TopologyDescriptor WithPasswords(TopologyDescriptor topology, Func<string, string?>? environment = null)
    {
        if (topology.External is not { } external)
        {
            return topology;
        }

        environment ??= Environment.GetEnvironmentVariable;
        return topology with
        {
            Nodes = [.. topology.Nodes.Select(node =>
            {
                var builder = new NpgsqlConnectionStringBuilder(node.ConnectionString);
                if (!string.IsNullOrEmpty(builder.Password))
                {
                    return node;
                }

                var password = PasswordResolver.Resolve(new ExternalEndpoint(node.Name, node.Host, node.Port), external.Database, external.User, environment);
                if (password is null)
                {
                    return node;
                }

                builder.Password = password.Value;
                return node with { ConnectionString = builder.ConnectionString };
            })],
        };
    }

    private static string Strip(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        return builder.ConnectionString;
    }
}
