using System.Globalization;
using Npgsql;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Workload;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// The micro suite's routing-overhead step (not a BenchmarkDotNet benchmark): CPU per point read
/// through the router with each policy minus through a plain <see cref="NpgsqlDataSource"/>, on the
/// topology of the run, written to <c>RUN_DIR/micro/routing-overhead.json</c> for the report.
/// Selected like a benchmark, by a filter that matches <see cref="FullName"/> (e.g. <c>*Routing*</c>).
/// </summary>
public static class RoutingOverheadStep
{
    /// <summary>The name a --filter glob is matched against.</summary>
    public const string FullName = "ReplicaBench.Benchmarks.Routing.RoutingOverhead";

    /// <summary>The baseline of primary-only and of the reference rows: no router, a plain data source on the primary.</summary>
    public const string PrimaryBaseline = "plain NpgsqlDataSource -> primary";

    /// <summary>The name of the reference row that is its baseline's twin: how far apart two identical paths measure.</summary>
    public const string NoiseFloorReference = "(no router) plain NpgsqlDataSource -> primary, a second one (noise floor)";

    /// <summary>The name of the reference row: no router, a plain data source on replica1.</summary>
    public const string ReplicaReference = "(no router) plain NpgsqlDataSource -> replica1";

    /// <summary>The name of the reference row of session-round-robin's connection pattern: reader n on replica n mod N, no router.</summary>
    public const string ReplicasInTurnReference = "(no router) plain NpgsqlDataSource per replica, readers dealt out in turn";

    /// <summary>Rows seeded for the step (the same table and count as the routed point-read benchmarks).</summary>
    public const int SeedRows = 10_000;

    /// <summary>The policies measured: every policy the suite has, lag-aware ones with a bound their fresh samples meet.</summary>
    public static IReadOnlyList<string> Policies { get; } =
        ["primary-only", "round-robin", "session-round-robin", "least-lag", "bounded-staleness:100ms", "read-your-writes", "npgsql-prefer-standby"];

    /// <summary>Measures and writes the file; null (and one line on <paramref name="log"/>) when the topology has no replica to route to.</summary>
    public static async Task<RoutingOverheadResults?> RunAsync(
        TopologyDescriptor topology, string runDirectory, bool quick, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(log);
        if (topology.Replicas.Count == 0)
        {
            // Not bad input: the rest of the micro suite still has something to measure.
            await log.WriteLineAsync("routing overhead: skipped, the topology has no replica to route to (bring one up with 'replicabench topology up --replicas 2').");
            return null;
        }

        var replayedLsn = await SeedAsync(topology, cancellationToken);
        var options = quick ? RoutingOverheadOptions.Quick(SeedRows) : RoutingOverheadOptions.Full(SeedRows);
        await log.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"routing overhead: {options.VirtualUsers} readers, {options.OperationsPerPass:N0} reads per pass, {options.Rounds} rounds of alternating pairs (each policy beside plain reads of the same servers in the same pattern) for {string.Join(", ", Policies)}"));

        var board = new NodeStateBoard(topology.Replicas.Count);
        using var feeder = new FreshSampleFeeder(board, replayedLsn);

        // Each policy against plain reads of the same servers in the same connection pattern, so the
        // difference is the router's own cost; the reference rows (plain paths, no router) against the
        // plain primary, so a reader sees what reading replicas costs by itself, and how far apart two
        // identical paths measure (the noise floor). Every pair has a baseline of its own: a baseline
        // shared by several pairs runs several times a round, and measured 0.5-3 µs cheaper than an
        // identical path that ran once (its servers and caches stay warm), a bias the pairing must not have.
        // Every path is disposed in the finally below.
#pragma warning disable CA2000
        IPointReadPath Primary() => new PlainDataSourcePath(topology.Primary, PrimaryBaseline);
        RoutingOverheadPair[] pairs =
        [
            .. Policies.Select(p => RoutingPolicySpec.Parse(p)).Select(spec => new RoutingOverheadPair(
                new RouterReadPath(topology, spec, board, replayedLsn),
                SameServers(spec.Kind, topology))),
            new(new PlainDataSourcePath(topology.Primary, NoiseFloorReference, isReference: true), Primary()),
            new(new PlainDataSourcePath(topology.Replicas[0], ReplicaReference, isReference: true), Primary()),
            new(InTurn(topology, isReference: true), Primary()),
            new(new ReplicasInRotationPath(topology.Replicas, isReference: true), Primary()),
        ];
#pragma warning restore CA2000
        RoutingOverheadResults results;
        try
        {
            var meter = new RoutingOverheadMeter(options, RoutingOverheadMeter.ProcessCpu, TimeProvider.System);
            results = await meter.MeasureAsync(pairs, log, cancellationToken);
        }
        finally
        {
            foreach (var path in pairs.SelectMany(p => new[] { p.Path, p.Baseline }))
            {
                await path.DisposeAsync();
            }
        }

        var micro = Directory.CreateDirectory(Path.Combine(runDirectory, BenchConfig.MicroFolder)).FullName;
        var file = Path.Combine(micro, RoutingOverheadFile.FileName);
        RoutingOverheadFile.Write(file, results);
        await log.WriteLineAsync(Summary(results));
        await log.WriteLineAsync($"routing overhead: results in {file}");
        return results;
    }

    /// <summary>
    /// A new plain path with a policy's servers and connection pattern, in a read-only pass whose
    /// replicas are all healthy and fresh: primary-only reads the primary; session-round-robin keeps
    /// reader n on replica n mod N; the others spread reads over the replicas in one shared rotation
    /// (least-lag among replicas equally fresh, read-your-writes once its write has replayed), and
    /// npgsql-prefer-standby's multi-host data source balances over the standbys too.
    /// </summary>
    public static IPointReadPath SameServers(RoutingPolicyKind kind, TopologyDescriptor topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return kind switch
        {
            RoutingPolicyKind.PrimaryOnly => new PlainDataSourcePath(topology.Primary, PrimaryBaseline),
            RoutingPolicyKind.SessionRoundRobin => InTurn(topology, isReference: false),
            _ => new ReplicasInRotationPath(topology.Replicas),
        };
    }

    /// <summary>The results as console lines: one per policy.</summary>
    public static string Summary(RoutingOverheadResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var lines = results.Policies.Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"  {p.Policy,-26} {p.CpuMicrosPerOperation,8:0.00} µs/op  overhead {p.OverheadMicrosPerOperation,6:+0.00;-0.00} µs ({p.OverheadPercent:+0.0;-0.0}%)  replica reads {(p.ReplicaReadShare is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "n/a")}  vs {p.Baseline ?? results.Baseline}"));
        return string.Create(CultureInfo.InvariantCulture, $"routing overhead (median of {results.Rounds} rounds; each row minus the plain path named after it, paired in every round):\n")
            + string.Join('\n', lines);
    }

    private static PlainDataSourcePath InTurn(TopologyDescriptor topology, bool isReference) =>
        new(topology.Replicas, ReplicasInTurnReference, isReference);

    private static async Task<ulong> SeedAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        ulong seededLsn;
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, "the routing-overhead step (seeding the bench table)", cancellationToken))
        {
            await WorkloadSchema.CreateAsync(primary, cancellationToken);
            seededLsn = (await WorkloadSeeder.SeedAsync(primary, SeedRows, cancellationToken)).Lsn;
        }

        foreach (var replica in topology.Replicas)
        {
            await using var connection = await NodeConnections.OpenAsync(replica, cancellationToken);
            await ReplayCatchUp.WaitAsync(connection, seededLsn, TimeSpan.FromSeconds(30), cancellationToken);
        }

        return seededLsn;
    }
}
