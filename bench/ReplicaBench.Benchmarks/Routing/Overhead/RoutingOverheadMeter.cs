using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Measures what routing costs per point read as process CPU (user + system): in every round, for
/// every pair, the pair's baseline pass and its path's pass back to back (baseline first in odd
/// rounds, second in even ones), each the same number of closed-loop reads. A path's overhead in a
/// round is its CPU per operation minus that of its paired baseline pass; the result is the median
/// over rounds. Each pair names its own baseline (<see cref="RoutingOverheadPair"/>), so a replica
/// policy is compared with plain reads of the same replicas in the same pattern.
/// </summary>
/// <remarks>
/// Why CPU and not latency: on a shared 2-core machine an end-to-end read's latency moves by tens of
/// µs with the machine's other load, while the CPU the process spends per read moves far less.
/// Passes are short (tens of milliseconds) and many, so a burst of another process's work spoils a
/// few pairs, which the median then ignores, and pairing cancels the slow drift of the rest. The CPU
/// clock is injected so that a test can give each path a known cost and check the arithmetic.
/// </remarks>
public sealed class RoutingOverheadMeter(RoutingOverheadOptions options, Func<TimeSpan> processorTime, TimeProvider time)
{
    /// <summary>The real clock: the whole process's user + system CPU (see <see cref="ProcessCpuClock"/>).</summary>
    public static TimeSpan ProcessCpu() => ProcessCpuClock.Now();

    /// <remarks>The first pair's baseline is the results' headline baseline (in the bench step, the plain data source on the primary).</remarks>
    public async Task<RoutingOverheadResults> MeasureAsync(IReadOnlyList<RoutingOverheadPair> pairs, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentOutOfRangeException.ThrowIfZero(pairs.Count);

        // A path in several pairs is opened once: its readers keep their connections across every
        // pass, as the policies' do. (The bench step gives every pair a baseline of its own: a shared
        // one runs more often than the paths it is compared with, and that alone biased the pairs.)
        var baselines = pairs.Select(p => p.Baseline).Distinct().ToArray();
        var opened = new Dictionary<IPointReadPath, IPointReader[]>();
        try
        {
            foreach (var path in baselines.Concat(pairs.Select(p => p.Path)).Distinct())
            {
                opened[path] = await OpenAsync(path, cancellationToken);
            }

            if (options.WarmUpOperations > 0)
            {
                foreach (var readers in opened.Values)
                {
                    await PassAsync(readers, options.WarmUpOperations, cancellationToken);
                }
            }

            var policies = pairs.Select(p => p.Path).ToArray();
            var baselinePasses = new List<double>();
            var perPolicy = pairs.Select(_ => (Cpu: new List<double>(), Baseline: new List<double>(), Overhead: new List<double>())).ToArray();
            for (var round = 1; round <= options.Rounds; round++)
            {
                for (var p = 0; p < pairs.Count; p++)
                {
                    var baselineReaders = opened[pairs[p].Baseline];
                    var policyReaders = opened[pairs[p].Path];
                    // Which of the pair runs first alternates by round (A B, B A, ...), so a drift of
                    // the machine's load inside a pair adds to as many differences as it takes from.
                    double plain, routed;
                    if (round % 2 == 1)
                    {
                        plain = await PassAsync(baselineReaders, options.OperationsPerPass, cancellationToken);
                        routed = await PassAsync(policyReaders, options.OperationsPerPass, cancellationToken);
                    }
                    else
                    {
                        routed = await PassAsync(policyReaders, options.OperationsPerPass, cancellationToken);
                        plain = await PassAsync(baselineReaders, options.OperationsPerPass, cancellationToken);
                    }

                    if (pairs[p].Baseline == pairs[0].Baseline)
                    {
                        baselinePasses.Add(plain);
                    }

                    perPolicy[p].Cpu.Add(routed);
                    perPolicy[p].Baseline.Add(plain);
                    perPolicy[p].Overhead.Add(routed - plain);
                }

                if (round % 10 == 0 || round == options.Rounds)
                {
                    await log.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"routing overhead after {round}/{options.Rounds} rounds (median so far): {string.Join(", ", policies.Select((path, p) => $"{path.Name} {Median(perPolicy[p].Overhead):+0.00;-0.00} µs"))}"));
                }
            }

            return new RoutingOverheadResults
            {
                MeasuredAt = time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
                Baseline = pairs[0].Baseline.Name,
                VirtualUsers = options.VirtualUsers,
                OperationsPerPass = options.OperationsPerPass,
                Rounds = options.Rounds,
                Cores = Environment.ProcessorCount,
                BaselineCpuMicrosPerOperation = Round(Median(baselinePasses)),
                Policies = [.. pairs.Select((pair, p) => Summarize(pair, perPolicy[p].Cpu, perPolicy[p].Baseline, perPolicy[p].Overhead))],
            };
        }
        finally
        {
            foreach (var readers in opened.Values)
            {
                await DisposeAsync(readers);
            }
        }
    }

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static RoutingOverheadPolicy Summarize(RoutingOverheadPair pair, List<double> cpu, List<double> baseline, List<double> overhead)
    {
        var path = pair.Path;
        var baselineMedian = Median(baseline);
        var overheadMedian = Median(overhead);
        return new RoutingOverheadPolicy
        {
            Policy = path.Name,
            CpuMicrosPerOperation = Round(Median(cpu)),
            Baseline = pair.Baseline.Name,
            BaselineCpuMicrosPerOperation = Round(baselineMedian),
            OverheadMicrosPerOperation = Round(overheadMedian),
            OverheadPercent = Round(overheadMedian / baselineMedian * 100),
            OverheadMicrosPerRound = [.. overhead.Select(Round)],
            ReplicaReadShare = path.ReplicaReadShare() is { } share ? Math.Round(share, 4) : null,
            Reference = path.IsReference,
        };
    }

    private static double Round(double value) => Math.Round(value, 3);

    private static async Task DisposeAsync(IPointReader[] readers)
    {
        foreach (var reader in readers)
        {
            await reader.DisposeAsync();
        }
    }

    private static async ValueTask ReadLoopAsync(IPointReader reader, int virtualUser, int operations, long keys, CancellationToken cancellationToken)
    {
        // Keys spread over the table by a large prime stride, the same sequence on every path.
        var key = virtualUser * 7919L;
        for (var i = 0; i < operations; i++)
        {
            key = (key + 104_729) % keys;
            await reader.ReadAsync(key + 1, cancellationToken);
        }
    }

    private async Task<IPointReader[]> OpenAsync(IPointReadPath path, CancellationToken cancellationToken)
    {
        var readers = new IPointReader[options.VirtualUsers];
        for (var user = 0; user < readers.Length; user++)
        {
            readers[user] = await path.OpenReaderAsync(user, cancellationToken);
        }

        return readers;
    }

    /// <summary>Runs <paramref name="operations"/> reads over the readers, closed loop; returns the process's CPU per read, µs.</summary>
    private async Task<double> PassAsync(IPointReader[] readers, int operations, CancellationToken cancellationToken)
    {
        var perReader = Math.Max(1, operations / readers.Length);
        var loops = new Task[readers.Length];
        var before = processorTime();
        for (var user = 0; user < readers.Length; user++)
        {
            loops[user] = ReadLoopAsync(readers[user], user, perReader, options.Keys, cancellationToken).AsTask();
        }

        await Task.WhenAll(loops);
        var after = processorTime();
        return (after - before).TotalMicroseconds / (perReader * readers.Length);
    }
}
