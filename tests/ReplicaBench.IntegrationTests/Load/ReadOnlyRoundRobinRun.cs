using System.Globalization;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.IntegrationTests.Workload;

namespace ReplicaBench.IntegrationTests.Load;

/// <summary>
/// One real read-only run shared by the tests of a class: <c>replicabench load</c> with the
/// point-read scenario and round-robin on the shared topology (replica2 300 ms behind), 2 VUs,
/// <see cref="Duration"/> measured, the visibility probe at its default. It runs on first use, after
/// the test has checked that PostgreSQL is there, and only once for every class of its collection.
/// </summary>
public sealed class ReadOnlyRoundRobinRun(SharedTopologyFixture shared) : IDisposable
{
    public const string Collection = "read-only round-robin run";

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    private readonly string _root = Directory.CreateTempSubdirectory("rb-it-readonly-").FullName;
    private readonly SemaphoreSlim _once = new(1, 1);
    private (int Code, string Stdout, string Stderr)? _load;

    public string RunDirectory => Path.Combine(_root, "run");

    /// <summary>Runs the load (the first time) and returns the run folder.</summary>
    public async Task<string> RunAsync()
    {
        _ = shared.Topology;
        await _once.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            _load ??= await CliProcess.RunAsync(
            [
                "load", "--scenario", "point-read", "--policy", "round-robin", "--vus", "2",
                "--duration", $"{Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s", "--warmup", "0s", "--generator-warmup", "0s",
                "--seed-rows", WorkloadDatabase.SharedRows.ToString(CultureInfo.InvariantCulture),
                "--state-dir", shared.StateDirectory.Path, "--out", RunDirectory,
            ]);
        }
        finally
        {
            _once.Release();
        }

        var (code, stdout, stderr) = _load.Value;
        Assert.True(code == 0, $"load exited {code}; stdout: {stdout}; stderr: {stderr}");
        return RunDirectory;
    }

    public void Dispose()
    {
        _once.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
