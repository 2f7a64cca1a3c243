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
            $"routing overhead: {options.VirtualUsers} readers, {options.OperationsPerPass:N0} reads per pass, {options.Rounds} rounds of alternating (plain, policy) pairs for {string.Join(", ", Policies)}"));

        var board = new NodeStateBoard(topology.Replicas.Count);
        using var feeder = new FreshSampleFeeder(board, replayedLsn);
        await using var baseline = new PlainDataSourcePath(topology.Primary.ConnectionString, "plain NpgsqlDataSource -> primary");

        // The last rows are no policy: plain data sources on replica1, on the replicas with readers dealt
        // out in turn (session-round-robin's pattern), and on every replica alternately (round-robin's),
        // so a reader can tell what the replica policies pay for reading replicas (other servers, one
        // connection per replica) from what the router itself adds.
        // Every path is disposed in the finally below.
#pragma warning disable CA2000
        IPointReadPath[] paths =
        [
            .. Policies.Select(p => new RouterReadPath(topology, RoutingPolicySpec.Parse(p), board, replayedLsn)),
            new PlainDataSourcePath(topology.Replicas[0].ConnectionString, ReplicaReference, isReference: true),
            new PlainDataSourcePath([.. topology.Replicas.Select(r => r.ConnectionString)], ReplicasInTurnReference, isReference: true),
            new AlternatingReplicasPath([.. topology.Replicas.Select(r => r.ConnectionString)]),
        ];
#pragma warning restore CA2000
        RoutingOverheadResults results;
        try
        {
            var meter = new RoutingOverheadMeter(options, RoutingOverheadMeter.ProcessCpu, TimeProvider.System);
            results = await meter.MeasureAsync(baseline, paths, log, cancellationToken);
        }
        finally
        {
            foreach (var path in paths)
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

    /// <summary>The results as console lines: one per policy.</summary>
    public static string Summary(RoutingOverheadResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var lines = results.Policies.Select(p => string.Create(
            CultureInfo.InvariantCulture,
            $"  {p.Policy,-26} {p.CpuMicrosPerOperation,8:0.00} µs/op  overhead {p.OverheadMicrosPerOperation,6:+0.00;-0.00} µs ({p.OverheadPercent:+0.0;-0.0}%)  replica reads {(p.ReplicaReadShare is { } s ? s.ToString("P0", CultureInfo.InvariantCulture) : "n/a")}"));
        return string.Create(CultureInfo.InvariantCulture, $"routing overhead (median of {results.Rounds} rounds; baseline {results.Baseline} {results.BaselineCpuMicrosPerOperation:0.00} µs/op):\n")
            + string.Join('\n', lines);
    }

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
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await ReplayCatchUp.WaitAsync(connection, seededLsn, TimeSpan.FromSeconds(30), cancellationToken);
        }

        return seededLsn;
    }
}
