using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology.Iam;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Existing servers — an AWS RDS primary and its read replica endpoints, or any PostgreSQL with
/// streaming replicas — presented as a topology. <c>up</c> starts nothing: it resolves the
/// configuration (<see cref="ExternalConfigLoader"/>) and the password source (<see cref="ExternalPassword"/>),
/// connects to every endpoint within the connect timeout and verifies each one's role
/// (<see cref="ExternalEndpointVerifier"/>). <c>down</c> stops nothing: it forgets the topology and,
/// only when asked (<see cref="ExternalProviderOptions.DropSchemaOnDown"/>), drops the suite's own
/// schema and nothing else.
/// </summary>
/// <remarks>
/// Safety rules: the suite writes only inside <see cref="SuiteSchema.Name"/>, and on external
/// endpoints only with <c>--allow-writes</c> (<see cref="TopologyDescriptor.WritesAllowed"/>,
/// enforced by <see cref="WriteInterlock"/> and by read-only sessions on the primary otherwise).
/// The password is never taken from the command line, never printed, and never written to
/// topology.json. Tools that would harm a server (fault injection) check
/// <see cref="TopologyDescriptor.Provider"/> and refuse <c>external</c>.
/// </remarks>
public sealed class ExternalTopologyProvider(ExternalProviderOptions options, TimeProvider timeProvider) : ITopologyProvider
{
    public const string ProviderName = "external";

    /// <summary>Bounds <c>down --drop-schema</c> waiting for locks held by a still-running load.</summary>
    private const string DropLockTimeout = "10s";

    public string Name => ProviderName;

    public async Task<TopologyDescriptor> UpAsync(TopologyRequest request, string workDirectory, CancellationToken cancellationToken)
    {
        if (!request.ApplyDelays.IsEmpty)
        {
            throw new BadInputException(
                "--apply-delay cannot be used with --provider external: the suite does not change settings on servers it did not start; set recovery_min_apply_delay on the replica yourself if you want one.");
        }

        if (!request.Budget.IsEmpty)
        {
            throw new BadInputException(
                $"{request.Budget.Options} cannot be used with --provider external: the suite cannot limit a server that runs elsewhere; drop {request.Budget.Options}, or emulate node sizes on --provider local or containers.");
        }

        if (request.Pooler != Poolers.PoolerKind.None)
        {
            throw new BadInputException(
                $"--pooler {Poolers.PoolerNames.Name(request.Pooler)} cannot be used with --provider external: the suite does not start poolers in front of servers it did not start; name the pooler in the external config instead (pooler: pgbouncer or rds-proxy, with its endpoints as primary and replicas).");
        }

        var environment = options.Environment ?? System.Environment.GetEnvironmentVariable;
        var config = ExternalConfigLoader.Load(options.ConfigFile, options.AllowWrites, environment);
        if (options.ExpectedReplicas is { } expected && expected != config.Replicas.Count)
        {
            throw new BadInputException(
                $"--replicas {expected} does not match the {config.Replicas.Count} replica endpoint(s) configured for --provider external; fix the configuration or leave --replicas out.");
        }

        var password = config.Iam ? ExternalIam.RefusePasswords(environment) : ExternalPassword.Find(environment);
        var iam = config.Iam ? ExternalIam.ForEndpoints(config, options.IamTokens ?? RdsTokenSource.Default, environment) : null;
        var pooled = config.Pooler != PoolerKind.None;
        var endpoints = config.Endpoints.Select((endpoint, i) =>
        {
            // Behind a transaction pooler a startup option reaches one server connection at most, so
            // the read-only session default is not set there: WriteInterlock alone guards writes.
            var readOnlySession = !config.AllowWrites && !pooled && ReferenceEquals(endpoint, config.Primary);
            var connectionString = ExternalConnectionStrings.For(config, endpoint, password, readOnlySession);
            return new TopologyNode(
                endpoint.Name,
                i == 0 ? NodeRole.Primary : NodeRole.Replica,
                endpoint.Host,
                endpoint.Port,
                pooled ? SessionPolicy.ForPooledEndpoint(connectionString) : connectionString,
                Iam: iam?[i]);
        }).ToList();

        var (facts, verifierNotes) = await ExternalEndpointVerifier.VerifyAsync(config, endpoints, password, cancellationToken);
        IReadOnlyList<string> notes = pooled && !config.AllowWrites
            ? [.. verifierNotes, $"through the {PoolerNames.Name(config.Pooler)} endpoints the primary's sessions are not made read-only (a transaction pooler cannot carry a session setting); only the suite's write guard keeps it from writing"]
            : verifierNotes;
        var nodes = endpoints.Select((node, i) => node with { ApplyDelayMs = facts[i].ApplyDelayMs }).ToList();

        return new TopologyDescriptor
        {
            Provider = ProviderName,
            CreatedAt = timeProvider.GetUtcNow(),
            ServerVersion = facts[0].ServerVersion,
            Nodes = nodes,
            WritesAllowed = config.AllowWrites,
            Pooler = pooled ? new PoolerDetails(PoolerNames.Name(config.Pooler), null, new Dictionary<string, PooledNode>()) : null,
            External = new ExternalTopologyDetails(
                config.Database,
                config.User,
                SslModeNames.Format(config.SslMode),
                config.SslRootCert,
                config.ConfigFile,
                iam is null ? password?.Source ?? "none" : ExternalIam.Describe(iam),
                notes),
        };
    }

    public async Task DownAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        if (!options.DropSchemaOnDown)
        {
            // Nothing was started, so nothing is stopped; the state dir forgets the endpoints.
            return;
        }

        var primary = topology.Primary;
        try
        {
            await using var connection = await NodeConnections.OpenAsync(primary, cancellationToken, ExternalConnectionStrings.WritableUnpooled);
            // SET LOCAL in the drop's own transaction: through a transaction pooler a session-level SET
            // would land on whichever server connection ran it, and stay there for other clients.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockTimeout = new NpgsqlCommand($"SET LOCAL lock_timeout = '{DropLockTimeout}'", connection, transaction))
            {
                await lockTimeout.ExecuteNonQueryAsync(cancellationToken);
            }

            await SuiteSchema.DropAsync(connection, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new TopologyException(
                $"could not drop schema {SuiteSchema.Name} on {primary.Host}:{primary.Port}: its tables are in use (waited {DropLockTimeout}); stop the running load and run 'topology down --drop-schema' again.", ex);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new BadInputException(
                $"role '{topology.External?.User}' may not drop schema {SuiteSchema.Name} on {primary.Host}:{primary.Port} (42501): drop it as its owner, or run 'topology down' without --drop-schema to keep it.", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new BadInputException(
                $"primary at {primary.Host}:{primary.Port}: {ConnectionErrors.Describe(ex)}; the schema was not dropped and the topology is still recorded, so fix the connection (password in {ExternalPassword.PasswordVariable}, PGPASSWORD or PGPASSFILE) and run 'topology down --drop-schema' again.", ex);
        }
    }
}
