using System.Diagnostics;

namespace ReplicaBench.Cli.Tests.Kubernetes;

/// <summary>
/// The pods' shell scripts, run as the pods would run them (<c>/bin/sh -c SCRIPT $0 ARGS</c>, with
/// JOB_COMPLETION_INDEX set as Kubernetes sets it) against a stand-in <c>replicabench</c> that
/// records its arguments: the known answer is the exact commands each pod runs. The stand-in is a
/// shell function put before the script, not a file on PATH: executing a file just written can fail
/// with "Text file busy" while parallel tests fork.
/// </summary>
public sealed class PodScriptTests
{
    [Fact]
    public async Task Pod_k_runs_shard_k_plus_1_with_the_common_start_on_endpoints_it_verified_itself()
    {
        using var pods = await PodSandbox.CreateAsync();

        for (var index = 0; index < GeneratedManifest.Agents; index++)
        {
            Assert.Equal(0, await pods.RunLoadPodAsync(index));
        }

        var run = pods.Run;
        var flags = string.Join(' ', GeneratedManifest.LoadFlags);
        Assert.Equal(
            [
                "topology up --provider external --state-dir /tmp/replicabench-topology --allow-writes",
                $"load --state-dir /tmp/replicabench-topology --shard 1/3 --start-at {GeneratedManifest.StartAt} --out {run}/shard-1 {flags}",
                "topology up --provider external --state-dir /tmp/replicabench-topology --allow-writes",
                $"load --state-dir /tmp/replicabench-topology --shard 2/3 --start-at {GeneratedManifest.StartAt} --out {run}/shard-2 {flags}",
                "topology up --provider external --state-dir /tmp/replicabench-topology --allow-writes",
                $"load --state-dir /tmp/replicabench-topology --shard 3/3 --start-at {GeneratedManifest.StartAt} --out {run}/shard-3 {flags}",
            ],
            pods.Calls());
        Assert.Equal(["0", "0", "0"], Enumerable.Range(1, 3).Select(i => File.ReadAllText($"{run}/shard-{i}.exit").Trim()));
    }

    [Fact]
    public async Task The_merge_runs_once_every_shard_finished_even_with_a_threshold_breached()
    {
        using var pods = await PodSandbox.CreateAsync();
        await pods.RunLoadPodAsync(0);
        await pods.RunLoadPodAsync(1);
        // A breach (load exits 1) leaves the pod succeeded, so that the Job does not stop the other shards.
        Assert.Equal(0, await pods.RunLoadPodAsync(2, loadExit: 1));

        var (wait, waitOutput) = await pods.RunMergePodAsync(init: true);
        var (merge, mergeOutput) = await pods.RunMergePodAsync(init: false);

        Assert.Equal("1", File.ReadAllText($"{pods.Run}/shard-3.exit").Trim());
        Assert.True(wait == 0, waitOutput);
        Assert.Contains("shard 3/3 finished with a threshold breached or arrivals dropped (exit 1); merging all the same", waitOutput, StringComparison.Ordinal);
        Assert.True(merge == 0, mergeOutput);
        var run = pods.Run;
        Assert.Equal(
            [$"merge {run}/shard-1 {run}/shard-2 {run}/shard-3 --out {run}/merged --force", $"report {run}/merged"],
            pods.Calls().Where(c => c.StartsWith("merge", StringComparison.Ordinal) || c.StartsWith("report", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_shard_that_failed_stops_the_merge_with_its_code()
    {
        using var pods = await PodSandbox.CreateAsync();
        await pods.RunLoadPodAsync(0);
        Assert.Equal(2, await pods.RunLoadPodAsync(1, loadExit: 2));
        await pods.RunLoadPodAsync(2);

        var (wait, output) = await pods.RunMergePodAsync(init: true);

        Assert.Equal(1, wait);
        Assert.Contains("shard 2/3 exited 2 without a complete run folder; not merging", output, StringComparison.Ordinal);
    }

    /// <summary>A manifest's scripts with /results moved into a temporary folder, and a stand-in replicabench on PATH.</summary>
    private sealed class PodSandbox : IDisposable
    {
        private readonly GeneratedManifest _manifest;

        private PodSandbox(GeneratedManifest manifest) => _manifest = manifest;

        public string Run => _manifest.Folder.Combine("results") + GeneratedManifest.RunFolder["/results".Length..];

        private string CallLog => _manifest.Folder.Combine("calls.log");

        public static async Task<PodSandbox> CreateAsync()
        {
            Assert.SkipUnless(File.Exists("/bin/sh"), "the pods' scripts are POSIX shell; this machine has no /bin/sh");
            return new PodSandbox(await GeneratedManifest.WriteAsync());
        }

        public string[] Calls() => File.ReadAllLines(CallLog);

        public async Task<int> RunLoadPodAsync(int index, int loadExit = 0)
        {
            var container = _manifest.LoadJob.Spec.Template.Spec.Containers[0];
            var (code, output) = await RunAsync(container.Command, container.Args, index, loadExit);
            Assert.True(code == (loadExit == 1 ? 0 : loadExit), $"pod {index} exited {code}: {output}");
            return code;
        }

        public Task<(int Code, string Output)> RunMergePodAsync(bool init)
        {
            var pod = _manifest.MergeJob.Spec.Template.Spec;
            return RunAsync((init ? pod.InitContainers : pod.Containers)[0].Command, [], index: null, loadExit: 0);
        }

        private async Task<(int Code, string Output)> RunAsync(IList<string> command, IList<string>? args, int? index, int loadExit)
        {
            // command is ["/bin/sh", "-c", SCRIPT, ($0)]: the stand-in goes before SCRIPT.
            Assert.Equal(["/bin/sh", "-c"], command.Take(2));
            var stub = $"replicabench() {{ echo \"$*\" >> {CallLog}; if [ \"$1\" = load ]; then return \"${{FAKE_LOAD_EXIT:-0}}\"; fi; }}\n";
            var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(stub + InSandbox(command[2]));
            foreach (var argument in command.Skip(3).Concat(args ?? []))
            {
                start.ArgumentList.Add(InSandbox(argument));
            }

            start.Environment["FAKE_LOAD_EXIT"] = loadExit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (index is { } k)
            {
                start.Environment["JOB_COMPLETION_INDEX"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await stdout + await stderr);
        }

        private string InSandbox(string text) => text.Replace("/results/", _manifest.Folder.Combine("results") + "/", StringComparison.Ordinal);

        public void Dispose() => _manifest.Dispose();
    }
}
