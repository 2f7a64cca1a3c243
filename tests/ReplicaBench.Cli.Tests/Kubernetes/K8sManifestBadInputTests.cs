using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Kubernetes;

/// <summary><c>k8s manifest</c>'s refusals: one line naming the problem and the fix, exit 2, no manifest written.</summary>
public sealed class K8sManifestBadInputTests : IDisposable
{
    private const string Valid = "--agents 2 --image rb:1 --scenario read-heavy";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("--agents 0 --image rb:1 --scenario read-heavy", "--agents 0 is not a number of agents: give 2 to 1000")]
    [InlineData("--agents 1 --image rb:1 --scenario read-heavy", "--agents 1 is not a number of agents")]
    [InlineData("--agents 1001 --image rb:1 --scenario read-heavy", "--agents 1001 is not a number of agents")]
    [InlineData("--agents 2 --scenario read-heavy", "Option '--image' is required")]
    [InlineData("--image rb:1 --scenario read-heavy", "Option '--agents' is required")]
    [InlineData("--agents 2 --image rb:1", "k8s manifest: load flags: no workload given")]
    [InlineData(Valid + " --vus -3", "k8s manifest: load flags: --vus -3 is not a positive number of virtual users")]
    [InlineData(Valid + " --policy nearest", "k8s manifest: load flags: ")]
    [InlineData(Valid + " --no-such-flag 3", "k8s manifest: load flags: Unrecognized command or argument '--no-such-flag'")]
    [InlineData(Valid + " --state-dir ./topo", "load flag --state-dir is not passed on to the pods")]
    [InlineData(Valid + " --shard 1/2", "load flag --shard is not passed on to the pods")]
    [InlineData(Valid + " --fault replica-kill@10s", "load flag --fault is not passed on to the pods")]
    [InlineData(Valid + " --script q.sql", "load flag --script is not passed on to the pods")]
    [InlineData(Valid + " --start-at 2020-01-01T00:00:00Z", "--start-at 2020-01-01T00:00:00Z has passed")]
    [InlineData(Valid + " --start-at tomorrow", "--start-at 'tomorrow'")]
    [InlineData(Valid + " --start-at 2099-01-01T00:00:00Z --lead-time 5m", "--start-at and --lead-time both set the start; give one.")]
    [InlineData(Valid + " --lead-time 5s", "--lead-time 5s leaves the pods no time")]
    [InlineData(Valid + " --name Nightly_Run", "--name 'Nightly_Run' is not a run name")]
    [InlineData(Valid + " --secret Bad/Name", "--secret 'Bad/Name' is not a Kubernetes object name")]
    [InlineData(Valid + " --agent-cpu lots", "--agent-cpu 'lots' is not a Kubernetes quantity")]
    [InlineData(Valid + " --agent-cpu 0", "--agent-cpu '0' is not a Kubernetes quantity")]
    [InlineData(Valid + " --pvc-size big", "--pvc-size 'big' is not a Kubernetes quantity")]
    [InlineData(Valid + " --storage-class efs", "--storage-class applies to the claim the manifest creates")]
    [InlineData(Valid + " --deadline 30s", "--deadline 30s would stop the Jobs before a run could finish")]
    [InlineData(Valid + " --deadline soon", "--deadline: 'soon' is not a duration")]
    [InlineData("--agents 2 --image=-x --scenario read-heavy", "--image '-x' is not an image reference")]
    public async Task Bad_input_is_one_line_and_exit_2_and_writes_nothing(string options, string expected)
    {
        var file = _temp.Combine("run.yaml");

        var (code, stdout, stderr) = await CliRunner.RunAsync($"k8s manifest {options} --out {file}");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task An_unwritable_out_is_one_line_and_exit_2()
    {
        var notAFolder = _temp.Combine("file");
        File.WriteAllText(notAFolder, string.Empty);

        var (code, stdout, stderr) = await CliRunner.RunAsync($"k8s manifest {Valid} --out {notAFolder}/run.yaml");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"replicabench: --out: cannot write the manifest to {notAFolder}/run.yaml", stderr, StringComparison.Ordinal);
        Assert.Contains("give a file in a writable folder", stderr, StringComparison.Ordinal);
        CliRunner.AssertOneLineWithoutStackTrace(stderr);
        Assert.Empty(stdout);
    }
}
