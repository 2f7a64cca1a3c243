using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Connects to every configured endpoint at once, each bounded by the connect timeout, and checks
/// that each is what the configuration says it is. This is the safety check that keeps a benchmark
/// from writing to a server it believes is a replica, or measuring "replica lag" on a primary:
/// <list type="bullet">
/// <item>the primary must not be in recovery (<c>pg_is_in_recovery()</c> false: it accepts writes);</item>
/// <item>every replica must be in recovery (a "replica" that accepts writes is refused);</item>
/// <item>every replica must belong to the primary's cluster (same system identifier) when the role may read it;</item>
/// <item>with writes allowed, the role must be able to create (or own) the suite schema.</item>
/// </list>
/// Any failure is one line naming the endpoint, the problem and the fix.
/// </summary>
internal static class ExternalEndpointVerifier
{
    private const string FactsSql = """
        SELECT pg_is_in_recovery(),
               current_setting('server_version'),
               coalesce((SELECT setting::float8 FROM pg_settings WHERE name = 'recovery_min_apply_delay'), 0),
               coalesce((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false),
               pg_has_role('pg_read_all_stats', 'USAGE')
        """;

    private const string SystemIdentifierSql = "SELECT system_identifier FROM pg_control_system()";

    private const string ReplicationNamesSql = "SELECT application_name FROM pg_stat_replication";

    private const string CanWriteSuiteSchemaSql = """
        SELECT CASE WHEN n.oid IS NULL THEN has_database_privilege(current_database(), 'CREATE')
                    ELSE pg_has_role(n.nspowner, 'USAGE') END
        FROM (SELECT 1) AS one LEFT JOIN pg_namespace AS n ON n.nspname = $1
        """;

    /// <summary>Checks every endpoint; returns the facts per endpoint (primary first) and notes worth showing.</summary>
    public static async Task<(IReadOnlyList<EndpointFacts> Facts, IReadOnlyList<string> Notes)> VerifyAsync(
        ExternalTopologyConfig config,
        IReadOnlyList<TopologyNode> nodes,
        ExternalPassword? password,
        CancellationToken cancellationToken)
    {
        var outcomes = await Task.WhenAll(config.Endpoints.Zip(nodes).Select((e, i) => ProbeAsync(config, e.First, isPrimary: i == 0, e.Second, password, cancellationToken)));
        var failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        if (failures.Count > 0)
        {
            var more = failures.Count > 1 ? $" ({failures.Count - 1} more endpoint(s) failed too)" : string.Empty;
            throw new BadInputException(failures[0] + more + ".");
        }

        var facts = outcomes.Select(o => o.Facts!).ToList();
        CheckRoles(config, facts);

        var notes = new List<string>();
        var primary = outcomes[0];
        if (config.AllowWrites && primary.CanWriteSuiteSchema == false)
        {
            throw new BadInputException(
                $"writes are allowed but role '{config.User}' may not create schema {SuiteSchema.Name} in database '{config.Database}' and does not own it; run GRANT CREATE ON DATABASE {config.Database} TO {config.User} (as the RDS master user), or drop --allow-writes.");
        }

        if (!facts[0].CanReadReplicationStats)
        {
            notes.Add($"role '{config.User}' lacks pg_monitor, so pg_stat_replication hides replication state and lag on the primary: run GRANT pg_monitor TO {config.User}.");
        }

        var unnamed = config.Replicas.Where(r => !primary.ReplicationNames.Contains(r.Name)).Select(r => r.Name).ToList();
        if (unnamed.Count > 0 && config.Replicas.Count > 0)
        {
            var shown = primary.ReplicationNames.Count == 0 ? "it lists none" : "it lists " + string.Join(", ", primary.ReplicationNames.Order(StringComparer.Ordinal));
            notes.Add($"the primary's pg_stat_replication has no application_name {string.Join(", ", unnamed)} ({shown}); name replicas as it does so server-reported lag lines up with each replica.");
        }

        var plain = config.Endpoints.Zip(facts).Where(p => !p.Second.Tls).Select(p => p.First.Name).ToList();
        if (plain.Count > 0 && config.SslMode is not SslMode.Disable)
        {
            notes.Add($"{string.Join(", ", plain)} answered without TLS (sslMode {SslModeNames.Format(config.SslMode)}); use verify-full with a CA bundle to require TLS and check the server.");
        }

        return (facts, notes);
    }

    private static void CheckRoles(ExternalTopologyConfig config, IReadOnlyList<EndpointFacts> facts)
    {
        if (facts[0].InRecovery)
        {
            throw new BadInputException(
                $"{config.Primary} is configured as the primary but is in recovery (pg_is_in_recovery() = true): it is a read replica and refuses writes; give the writable primary's endpoint (for RDS: the source instance, not a replica).");
        }

        for (var i = 0; i < config.Replicas.Count; i++)
        {
            var replica = config.Replicas[i];
            var fact = facts[i + 1];
            if (!fact.InRecovery)
            {
                throw new BadInputException(
                    $"{replica} is configured as a replica but is not in recovery (pg_is_in_recovery() = false): it accepts writes, so it is a primary; list only read replica endpoints under replicas.");
            }

            if (fact.SystemIdentifier is { } id && facts[0].SystemIdentifier is { } primaryId && id != primaryId)
            {
                throw new BadInputException(
                    $"{replica} replicates another cluster (system identifier {id}, the primary's is {primaryId}); list only read replicas of {config.Primary.Address}.");
            }
        }
    }

    private static async Task<Outcome> ProbeAsync(
        ExternalTopologyConfig config,
        ExternalEndpoint endpoint,
        bool isPrimary,
        TopologyNode node,
        ExternalPassword? password,
        CancellationToken cancellationToken)
    {
        // Npgsql's Timeout bounds the connect; this bounds everything else (DNS, TLS, the queries), so
        // a silent endpoint is reported within the timeout plus a little, never left hanging.
        var bound = config.ConnectTimeout + TimeSpan.FromSeconds(2);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(bound);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Unpooled: verification must not leave idle sessions behind on someone else's server.
            await using var connection = await NodeConnections.OpenAsync(node, timeout.Token, b => b.Pooling = false);
            var facts = await ReadFactsAsync(connection, timeout.Token);
            if (!isPrimary || facts.InRecovery)
            {
                return new Outcome(facts, null, [], null);
            }

            var names = await ReadReplicationNamesAsync(connection, timeout.Token);
            bool? canWrite = config.AllowWrites ? await CanWriteSuiteSchemaAsync(connection, timeout.Token) : null;
            return new Outcome(facts, null, names, canWrite);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(config, endpoint, string.Create(CultureInfo.InvariantCulture, $"no answer within {bound.TotalSeconds:0}s"), Hint.Network, password);
        }
        // FormatException: Npgsql reads the password file while connecting and refuses a malformed line.
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException or IOException or FormatException)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (await CertificateMismatchAsync(config, endpoint, ex, cancellationToken) is { } mismatch)
            {
                return new Outcome(null, $"{endpoint}: {mismatch}", [], null);
            }

            var problem = ConnectionErrors.Describe(ex);
            if (ex is NpgsqlException { InnerException: TimeoutException } or TimeoutException)
            {
                problem = string.Create(CultureInfo.InvariantCulture, $"{problem} after {elapsed.TotalSeconds:0.#}s");
            }

            return Failed(config, endpoint, problem, HintFor(ex, password, config.Iam), password);
        }
    }

    /// <summary>When Npgsql refused the server's certificate, what did not match (host name, CA or dates); else null.</summary>
    private static async Task<string?> CertificateMismatchAsync(ExternalTopologyConfig config, ExternalEndpoint endpoint, Exception ex, CancellationToken cancellationToken) =>
        ConnectionErrors.IsTlsFailure(ex) && SslModeNames.Verifies(config.SslMode) && config.SslRootCert is { } bundle
            ? await ServerCertificateCheck.DiagnoseAsync(endpoint, config.SslMode, bundle, TimeProvider.System.GetUtcNow(), config.ConnectTimeout, cancellationToken)
            : null;

    private static async Task<EndpointFacts> ReadFactsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        EndpointFacts facts;
        await using (var command = new NpgsqlCommand(FactsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            facts = new EndpointFacts(reader.GetBoolean(0), reader.GetString(1), reader.GetDouble(2), null, reader.GetBoolean(3), reader.GetBoolean(4));
        }

        try
        {
            await using var command = new NpgsqlCommand(SystemIdentifierSql, connection);
            return facts with { SystemIdentifier = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.UndefinedFunction)
        {
            // Managed services may hide it; the cluster check is then skipped, the role checks still hold.
            return facts;
        }
    }

    private static async Task<HashSet<string>> ReadReplicationNamesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(ReplicationNamesSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!reader.IsDBNull(0))
            {
                names.Add(reader.GetString(0));
            }
        }

        return names;
    }

    private static async Task<bool> CanWriteSuiteSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(CanWriteSuiteSchemaSql, connection);
        command.Parameters.AddWithValue(SuiteSchema.Name);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static Hint HintFor(Exception ex, ExternalPassword? password, bool iam) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } when iam => Hint.IamToken,
        FormatException when password?.PassFile is not null => Hint.PassFile,
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword } => Hint.WrongPassword,
        PostgresException { SqlState: PostgresErrorCodes.InvalidAuthorizationSpecification } => Hint.Access,
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } => Hint.Database,
        PostgresException => Hint.None,
        _ when ConnectionErrors.IsTlsFailure(ex) => Hint.Tls,
        _ when ConnectionErrors.IsMissingPassword(ex) => Hint.NoPassword,
        _ => Hint.Network,
    };

    private static Outcome Failed(ExternalTopologyConfig config, ExternalEndpoint endpoint, string problem, Hint hint, ExternalPassword? password)
    {
        var fix = hint switch
        {
            // With a password file, Npgsql gives no password when no line matches the endpoint.
            Hint.NoPassword => $"set {ExternalPassword.PasswordVariable} or PGPASSWORD, or add the endpoint to a PGPASSFILE",
            Hint.WrongPassword => $"check the {password?.ToString() ?? "password"}",
            Hint.IamToken => $"check that the instance has IAM authentication on, that '{config.User}' is granted rds_iam, that the AWS identity may rds-db:connect as '{config.User}', and the region signed for (see docs/external.md, IAM authentication)",
            Hint.PassFile => $"fix {password!.PassFile}: every line hostname:port:database:username:password, with ':' and '\\' escaped by '\\'",
            Hint.Access => "check the user name and that pg_hba.conf (or the RDS parameter group) admits it from here",
            Hint.Database => "check the database name",
            Hint.Tls => $"check sslMode ({SslModeNames.Format(config.SslMode)}) and sslRootCert ({config.SslRootCert ?? "none given: the system's trusted CAs"}); for RDS use global-bundle.pem from the AWS documentation",
            Hint.Network => "check the host and port, and that this machine may reach it (for RDS: the security group's inbound rule, and public access or a runner inside the VPC)",
            _ => "check the endpoint's configuration",
        };
        return new Outcome(null, $"{endpoint}: {problem}; {fix}", [], null);
    }

    private enum Hint
    {
        None,
        NoPassword,
        WrongPassword,
        IamToken,
        PassFile,
        Access,
        Database,
        Tls,
        Network,
    }

    private sealed record Outcome(EndpointFacts? Facts, string? Error, IReadOnlyCollection<string> ReplicationNames, bool? CanWriteSuiteSchema);
}
