using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Keeps external passwords out of topology.json. An external password belongs to someone else's
/// long-lived server (RDS), unlike the local provider's throwaway generated one, so it is not
/// copied into a second file: the descriptor is written without it (and without the password
/// file's path), and when topology.json is read the password is found again from the same sources
/// as on <c>up</c> (<see cref="ExternalPassword"/>). Nodes on RDS IAM authentication keep only their
/// region (<see cref="Iam.NodeIam"/>): their tokens are made when connecting. In memory a descriptor always has usable
/// connection strings.
/// </summary>
internal static class ExternalSecrets
{
    /// <summary>The descriptor as it may be written to disk: external connection strings without passwords.</summary>
    public static TopologyDescriptor WithoutPasswords(TopologyDescriptor topology) => topology.External is null
        ? topology
        : topology with { Nodes = [.. topology.Nodes.Select(n => n with { ConnectionString = Strip(n.ConnectionString) })] };

    /// <summary>The descriptor read from disk with the password source applied again to each endpoint (left out where there is none).</summary>
    public static TopologyDescriptor WithPasswords(TopologyDescriptor topology, Func<string, string?>? environment = null)
    {
        // IAM nodes take a fresh token per connection (NodeConnections), never a password.
        if (topology.External is null || topology.Nodes.All(n => n.Iam is not null)
            || ExternalPassword.Find(environment ?? Environment.GetEnvironmentVariable) is not { } password)
        {
            return topology;
        }

        return topology with
        {
            Nodes = [.. topology.Nodes.Select(node =>
            {
                var builder = new NpgsqlConnectionStringBuilder(node.ConnectionString);
                if (node.Iam is not null || !string.IsNullOrEmpty(builder.Password))
                {
                    return node;
                }

                password.ApplyTo(builder);
                return node with { ConnectionString = builder.ConnectionString };
            })],
        };
    }

    private static string Strip(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Remove("Password");
        builder.Remove("Passfile");
        return builder.ConnectionString;
    }
}
