using BenchmarkDotNet.Attributes;
using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Benchmarks.Routing;

/// <summary>
/// The routing decision alone, in memory (no database): what each policy costs per operation on
/// the hot path. The board holds two healthy, freshly sampled replicas and the session has written
/// and been replayed, so every policy takes its replica path (the expensive one).
/// Target: under 50 ns and 0 bytes for every policy; npgsql-prefer-standby only delegates to
/// Npgsql, whose own choice happens inside OpenConnection and is measured end to end.
/// </summary>
[BenchmarkCategory("RoutingDecision")]
public class RoutingDecisionBenchmarks
{
    private readonly NodeStateBoard _board = new(2);
    private readonly RoutingSession _session = new(1);
    private readonly IRoutingPolicy _primaryOnly = RoutingPolicySpec.PrimaryOnly.CreatePolicy();
    private readonly IRoutingPolicy _roundRobin = RoutingPolicySpec.RoundRobin.CreatePolicy();
    private readonly IRoutingPolicy _leastLag = RoutingPolicySpec.LeastLag.CreatePolicy();
    private readonly IRoutingPolicy _boundedStaleness = RoutingPolicySpec.Parse("bounded-staleness:1h").CreatePolicy();
    private readonly IRoutingPolicy _readYourWrites = RoutingPolicySpec.ReadYourWrites.CreatePolicy();
    private readonly IRoutingPolicy _npgsqlPreferStandby = RoutingPolicySpec.NpgsqlPreferStandby.CreatePolicy();

    [GlobalSetup]
    public void Setup()
    {
        _board.SetPrimaryLsn(0x1_0000_2000);
        _board.SetReplicaSample(0, 0x1_0000_2000, 300);
        _board.SetReplicaSample(1, 0x1_0000_1000, 800);
        _session.RecordWrite(0x1_0000_0800);
    }

    // The bound is an hour so that the samples, which age during the run, stay inside it and
    // bounded-staleness keeps taking its replica path (sample age + lag < bound).

    [Benchmark(Baseline = true, Description = "primary-only")]
    public RoutingDecision PrimaryOnly() => _primaryOnly.Decide(OperationKind.Read, _session, _board);

    [Benchmark(Description = "round-robin")]
    public RoutingDecision RoundRobin() => _roundRobin.Decide(OperationKind.Read, _session, _board);

    [Benchmark(Description = "least-lag")]
    public RoutingDecision LeastLag() => _leastLag.Decide(OperationKind.Read, _session, _board);

    [Benchmark(Description = "bounded-staleness:1h")]
    public RoutingDecision BoundedStaleness() => _boundedStaleness.Decide(OperationKind.Read, _session, _board);

    [Benchmark(Description = "read-your-writes")]
    public RoutingDecision ReadYourWrites() => _readYourWrites.Decide(OperationKind.Read, _session, _board);

    [Benchmark(Description = "npgsql-prefer-standby (delegates)")]
    public RoutingDecision NpgsqlPreferStandby() => _npgsqlPreferStandby.Decide(OperationKind.Read, _session, _board);
}
