using HdrHistogram;
using ReplicaBench.Results;

namespace ReplicaBench.Tests.Runs.Merging;

/// <summary>
/// Two shards of one run, one cell each, with known values (1 s warm-up, then 2 measured seconds):
/// shard 1 read 980 times at 1 ms and 20 times at 100 ms on replica1 (its p99: 100 ms); shard 2 read
/// 1000 times at 2 ms on replica1 and wrote 10 times at 5 ms on the primary (its p99: 2 ms). Added:
/// 2010 operations, whose p99 (rank 1990) is 5 ms, not the 51 ms average of the shards' p99s.
/// </summary>
internal sealed class TwoShards
{
    public static readonly DateTimeOffset Start = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    public TwoShards()
    {
        // Both shards record a warm-up second that must not count, and shard 2 starts 4 ms later (clock skew).
        First = new ShardFolderBuilder(Start)
            .Record("warmup/latency/point-read@replica1", 0, 500_000, 50)
            .Record("measurement/latency/point-read@replica1", 1, 1_000, 500)
            .Record("measurement/latency/point-read@replica1", 2, 1_000, 480)
            .Record("measurement/latency/point-read@replica1", 2, 100_000, 20);
        Second = new ShardFolderBuilder(Start.AddMilliseconds(4))
            .Record("warmup/latency/point-read@replica1", 0, 500_000, 50)
            .Record("measurement/latency/point-read@replica1", 1, 2_000, 600)
            .Record("measurement/latency/point-read@replica1", 2, 2_000, 400)
            .Record("measurement/latency/update@primary", 2, 5_000, 10);
        First.Settings["shard"] = "\"1/2\"";
        Second.Settings["shard"] = "\"2/2\"";
        First.Settings["startAt"] = "\"2026-12-06T09:00:00Z\"";
        Second.Settings["startAt"] = "\"2026-12-06T09:00:00Z\"";
    }

    public ShardFolderBuilder First { get; }

    public ShardFolderBuilder Second { get; }

    public static CellResults FirstCell => new()
    {
        Replicas = 1,
        Policy = "round-robin",
        Scenario = "read-heavy",
        DurationSeconds = 2,
        WarmUpSeconds = 1,
        Operations = 1000,
        Throughput = 500,
        ReadThroughput = 500,
        WriteThroughput = 0,
        Errors = 1,
        ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 1 },
        StaleChecked = 100,
        StaleReads = 3,
        VirtualUsers = new VirtualUserResults { Count = 2, MinOperations = 490, MaxOperations = 510 },
        Nodes = [new NodeResults { Name = "replica1", Role = "replica", Reads = 1001, Errors = 1 }],
        OperationsByType = [new OperationTypeResults { Operation = "point-read", Count = 1000, Errors = 1, StaleChecked = 100, StaleReads = 3 }],
        Generator = new GeneratorResults { CpuSeconds = 0.5, CoresUsed = 0.25, Cores = 2, CpuMicrosPerOperation = 500 },
        TimeSeries = [new CellSecond(1, 500, 1, 1, 1, 1), new CellSecond(2, 500, 1, 100, 0, 2)],
        Lag = [new ReplicaLagPoint(1, "replica1", 2.5, 100, 3)],
        Thresholds = [new ThresholdResult("p99<10ms", "100ms", false)],
    };

    public static CellResults SecondCell => new()
    {
        Replicas = 1,
        Policy = "round-robin",
        Scenario = "read-heavy",
        DurationSeconds = 2,
        WarmUpSeconds = 1,
        Operations = 1010,
        Throughput = 505,
        ReadThroughput = 500,
        WriteThroughput = 5,
        Errors = 3,
        ErrorsByKind = new Dictionary<string, long> { ["timeout"] = 2, ["read-only"] = 1 },
        StaleChecked = 200,
        StaleReads = 1,
        VirtualUsers = new VirtualUserResults { Count = 2, MinOperations = 480, MaxOperations = 530 },
        Nodes =
        [
            new NodeResults { Name = "primary", Role = "primary", Writes = 11, Errors = 1 },
            new NodeResults { Name = "replica1", Role = "replica", Reads = 1002, Errors = 2 },
        ],
        OperationsByType =
        [
            new OperationTypeResults { Operation = "point-read", Count = 1000, Errors = 2, StaleChecked = 200, StaleReads = 1 },
            new OperationTypeResults { Operation = "update", Count = 10, Errors = 1 },
        ],
        Generator = new GeneratorResults { CpuSeconds = 1.5, CoresUsed = 0.75, Cores = 2, CpuMicrosPerOperation = 1485.1 },
        TimeSeries = [new CellSecond(1.001, 600, 2, 2, 2, 0), new CellSecond(2, 410, 2, 5, 1, 1)],
        Thresholds = [new ThresholdResult("p99<10ms", "5ms", true)],
    };

    public (string First, string Second) Write(TempDirectory temp) =>
        (First.Write(temp.Combine("shard-1"), FirstCell), Second.Write(temp.Combine("shard-2"), SecondCell));

    /// <summary>The histograms of both shards' <paramref name="histograms"/> added, independently of the merge.</summary>
    public static LongHistogram Added(IEnumerable<HistogramBase> histograms)
    {
        var total = new LongHistogram(1, 3_600_000_000, 3);
        foreach (var histogram in histograms)
        {
            total.Add(histogram);
        }

        return total;
    }
}
