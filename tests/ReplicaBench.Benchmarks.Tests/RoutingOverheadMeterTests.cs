using ReplicaBench.Benchmarks.Routing.Overhead;

namespace ReplicaBench.Benchmarks.Tests;

/// <summary>
/// Known answers for the routing-overhead arithmetic: paths whose reads cost a known CPU time on an
/// injected CPU clock (no real time, no database), so the reported overhead must equal the difference.
/// </summary>
public sealed class RoutingOverheadMeterTests
{
    [Fact]
    public async Task A_path_that_costs_3_us_more_per_read_reports_3_us_and_30_percent()
    {
        var cpu = new FakeCpu();
        var meter = new RoutingOverheadMeter(new RoutingOverheadOptions(4, 1_000, 5, 100, 10_000), cpu.Now, TimeProvider.System);

        var plain = new CostedPath("plain", cpu, 10);

        var results = await meter.MeasureAsync(
            [new(new CostedPath("slow-policy", cpu, 13), plain), new(new CostedPath("free-policy", cpu, 10), plain)], TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(10, results.BaselineCpuMicrosPerOperation, 3);
        var slow = results.Policies[0];
        Assert.Equal("slow-policy", slow.Policy);
        Assert.Equal(13, slow.CpuMicrosPerOperation, 3);
        Assert.Equal(3, slow.OverheadMicrosPerOperation, 3);
        Assert.Equal(30, slow.OverheadPercent, 3);
        Assert.Equal(5, slow.OverheadMicrosPerRound.Count);
        Assert.Equal(0, results.Policies[1].OverheadMicrosPerOperation, 3);
        Assert.Equal("plain", slow.Baseline);
    }

    [Fact]
    public async Task Each_path_is_measured_against_its_own_baseline()
    {
        // A replica policy costs 25 µs, its same-servers plain path 24 µs, the plain primary 20 µs:
        // the router's own cost is 1 µs, and the plain replicas' 4 µs shows on the reference row.
        var cpu = new FakeCpu();
        var meter = new RoutingOverheadMeter(new RoutingOverheadOptions(4, 1_000, 5, 100, 10_000), cpu.Now, TimeProvider.System);
        var primary = new CostedPath("plain primary", cpu, 20);
        var replicas = new CostedPath("plain replicas", cpu, 24);

        var results = await meter.MeasureAsync(
            [new(new CostedPath("primary-only", cpu, 21), primary), new(new CostedPath("round-robin", cpu, 25), replicas), new(replicas, primary)],
            TextWriter.Null,
            TestContext.Current.CancellationToken);

        Assert.Equal("plain primary", results.Baseline);
        Assert.Equal(20, results.BaselineCpuMicrosPerOperation, 3);
        Assert.Equal([1, 1, 4], results.Policies.Select(p => p.OverheadMicrosPerOperation));
        Assert.Equal(["plain primary", "plain replicas", "plain primary"], results.Policies.Select(p => p.Baseline));
        Assert.Equal(24, results.Policies[1].BaselineCpuMicrosPerOperation, 3);
    }

    [Fact]
    public async Task One_disturbed_round_does_not_move_the_median()
    {
        var cpu = new FakeCpu();
        var meter = new RoutingOverheadMeter(new RoutingOverheadOptions(2, 100, 5, 0, 100), cpu.Now, TimeProvider.System);
        var policy = new CostedPath("policy", cpu, 12) { DisturbedPass = 3, DisturbanceMicros = 50 };

        var results = await meter.MeasureAsync([new(policy, new CostedPath("plain", cpu, 10))], TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(2, results.Policies[0].OverheadMicrosPerOperation, 3);
        Assert.Contains(results.Policies[0].OverheadMicrosPerRound, o => o > 40);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5, RoutingOverheadMeter.Median([4, 1, 2, 3]));

    private sealed class FakeCpu
    {
        private long _micros;

        public TimeSpan Now() => TimeSpan.FromMicroseconds(Interlocked.Read(ref _micros));

        public void Spend(double micros) => Interlocked.Add(ref _micros, (long)micros);
    }

    /// <summary>A path whose every read spends <paramref name="micros"/> of fake CPU; one pass may cost more in total.</summary>
    private sealed class CostedPath(string name, FakeCpu cpu, double micros) : IPointReadPath
    {
        private int _reads;

        public int DisturbedPass { get; init; } = -1;

        public double DisturbanceMicros { get; init; }

        public string Name => name;

        public ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IPointReader>(new Reader(this));

        public double? ReplicaReadShare() => null;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private void SpendOneRead()
        {
            // Passes of this test's policy are 100 reads each; the disturbed one costs more per read.
            var pass = (Interlocked.Increment(ref _reads) - 1) / 100;
            cpu.Spend(pass == DisturbedPass ? micros + DisturbanceMicros : micros);
        }

        private sealed class Reader(CostedPath path) : IPointReader
        {
            public ValueTask ReadAsync(long key, CancellationToken cancellationToken)
            {
                path.SpendOneRead();
                return ValueTask.CompletedTask;
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
