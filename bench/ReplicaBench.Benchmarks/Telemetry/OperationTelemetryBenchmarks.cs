using BenchmarkDotNet.Attributes;
using Prometheus;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Benchmarks.Telemetry;

/// <summary>
/// What live metrics add to the engine's per-operation recording (<see cref="VirtualUserRecorder.RecordCompleted(in LoadOutcome, long)"/>):
/// without telemetry (the engine before metrics), with telemetry and no listener (a run without
/// --metrics-port or --otlp-endpoint), and with the CLI's Prometheus bridge listening.
/// </summary>
[BenchmarkCategory("Telemetry")]
public class OperationTelemetryBenchmarks
{
    private static readonly LoadScenario Scenario = LoadScenario.Create("bench", (_, _) => default)
        .WithOperations(new OperationDefinition("point-read", OperationKind.Read), new OperationDefinition("update", OperationKind.Write))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica), new NodeDefinition("replica2", NodeRole.Replica)]);

    private readonly LoadOutcome _read = LoadOutcome.Success(new OperationId(0), new NodeId(1));
    private VirtualUserRecorder _recorder = null!;
    private PrometheusMeterBridge? _bridge;

    [Params("none", "telemetry-unheard", "prometheus-bridge")]
    public string Telemetry { get; set; } = "none";

    [GlobalSetup]
    public void Setup()
    {
        var layout = new BucketLayout(Scenario);
        var telemetry = Telemetry == "none" ? null : new OperationTelemetry(layout, "r2-round-robin");
        _recorder = new VirtualUserRecorder(layout, new ErrorKindCatalog(), telemetry);
        if (Telemetry == "prometheus-bridge")
        {
            _bridge = new PrometheusMeterBridge(Metrics.NewCustomRegistry(), [0.001, 0.01, 0.1]);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _bridge?.Dispose();

    // The one method, compared across its Telemetry parameter (none is the reference row); marked the
    // category's baseline as every category's one baseline is (BenchmarkDiscoveryTests).
    [Benchmark(Baseline = true, OperationsPerInvoke = 1_000)]
    public void RecordCompleted()
    {
        for (var i = 0; i < 1_000; i++)
        {
            _recorder.RecordCompleted(_read, 250 + (i & 255));
        }
    }
}
