using k8s.Models;

namespace ReplicaBench.Cli.Tests.Kubernetes;

/// <summary>
/// <c>k8s manifest</c>: the written YAML read back with KubernetesClient's typed models, field by
/// field against the known run it was asked for.
/// </summary>
public sealed class K8sManifestTests
{
    [Fact]
    public async Task The_load_job_is_an_indexed_job_of_one_pod_per_shard_that_all_start_at_the_same_instant()
    {
        using var manifest = await GeneratedManifest.WriteAsync();
        var job = manifest.LoadJob;

        Assert.Equal("batch/v1", job.ApiVersion);
        Assert.Equal("Indexed", job.Spec.CompletionMode);
        Assert.Equal(GeneratedManifest.Agents, job.Spec.Completions);
        Assert.Equal(GeneratedManifest.Agents, job.Spec.Parallelism);
        Assert.Equal(0, job.Spec.BackoffLimit);
        Assert.Equal(24 * 3600, job.Spec.ActiveDeadlineSeconds);
        var pod = job.Spec.Template.Spec;
        Assert.Equal("Never", pod.RestartPolicy);
        var container = Assert.Single(pod.Containers);
        Assert.Equal("registry.example.com/replicabench:1.0", container.Image);
        Assert.Equal(["/bin/sh", "-c"], container.Command.Take(2));
        var script = container.Command[2];
        Assert.Contains("i=$((JOB_COMPLETION_INDEX + 1))", script, StringComparison.Ordinal);
        Assert.Contains(
            $"replicabench load --state-dir /tmp/replicabench-topology --shard \"$i/{GeneratedManifest.Agents}\" --start-at {GeneratedManifest.StartAt} --out {GeneratedManifest.RunFolder}/shard-$i \"$@\"",
            script,
            StringComparison.Ordinal);
        Assert.Contains("replicabench topology up --provider external --state-dir /tmp/replicabench-topology --allow-writes || finish $?", script, StringComparison.Ordinal);
        // The load flags reach every pod as given, as the script's "$@" (after $0).
        Assert.Equal(GeneratedManifest.LoadFlags, container.Args);
        Assert.Equal("1", container.Resources.Requests["cpu"].ToString());
        Assert.Equal("1Gi", container.Resources.Limits["memory"].ToString());
    }

    [Fact]
    public async Task Every_pod_mounts_the_shared_claim_and_the_load_pods_take_credentials_by_reference_only()
    {
        using var manifest = await GeneratedManifest.WriteAsync();

        foreach (var job in new[] { manifest.LoadJob, manifest.MergeJob })
        {
            var pod = job.Spec.Template.Spec;
            var volume = Assert.Single(pod.Volumes);
            Assert.Equal("replicabench-results", volume.PersistentVolumeClaim.ClaimName);
            Assert.All(pod.Containers.Concat(pod.InitContainers ?? []), c =>
            {
                var mount = Assert.Single(c.VolumeMounts);
                Assert.Equal((volume.Name, "/results"), (mount.Name, mount.MountPath));
                Assert.Null(c.Env);
            });
            Assert.True(pod.SecurityContext.RunAsNonRoot);
        }

        var load = Assert.Single(manifest.LoadJob.Spec.Template.Spec.Containers);
        Assert.Equal(["rds-endpoints"], load.EnvFrom.Where(e => e.ConfigMapRef is not null).Select(e => e.ConfigMapRef.Name));
        Assert.Equal(["rds-credentials"], load.EnvFrom.Where(e => e.SecretRef is not null).Select(e => e.SecretRef.Name));
        // The merge connects to nothing: no variables, no credentials, no API token.
        var merge = Assert.Single(manifest.MergeJob.Spec.Template.Spec.Containers);
        Assert.Null(merge.EnvFrom);
        Assert.False(manifest.MergeJob.Spec.Template.Spec.AutomountServiceAccountToken);
        // Nothing secret can be in the text: it holds no variable values at all, only the references.
        Assert.DoesNotContain("password", manifest.Yaml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AWS_", manifest.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("value:", manifest.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("stringData", manifest.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(manifest.Objects, o => o is V1Secret);
    }

    [Fact]
    public async Task The_merge_job_waits_for_every_shard_then_merges_their_folders_and_renders_the_report()
    {
        using var manifest = await GeneratedManifest.WriteAsync();
        var job = manifest.MergeJob;
        var run = GeneratedManifest.RunFolder;

        Assert.Null(job.Spec.CompletionMode);
        Assert.Equal((1, 1, 0), (job.Spec.Completions, job.Spec.Parallelism, job.Spec.BackoffLimit));
        var wait = Assert.Single(job.Spec.Template.Spec.InitContainers);
        Assert.Equal("wait-for-shards", wait.Name);
        Assert.Contains("n=3", wait.Command[2], StringComparison.Ordinal);
        Assert.Contains($"if [ -f {run}/shard-$i.exit ]", wait.Command[2], StringComparison.Ordinal);
        var merge = Assert.Single(job.Spec.Template.Spec.Containers);
        Assert.Equal(
            $"replicabench merge {run}/shard-1 {run}/shard-2 {run}/shard-3 --out {run}/merged --force || exit $?\nreplicabench report {run}/merged",
            merge.Command[2]);
        Assert.Contains($"results: {run}/merged (report/index.html) on claim replicabench-results", manifest.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_size_the_manifest_creates_the_shared_claim_read_write_many()
    {
        using var manifest = await GeneratedManifest.WriteAsync("--pvc-size 20Gi --storage-class efs-sc --pvc bench-results");

        var claim = Assert.Single(manifest.Objects.OfType<V1PersistentVolumeClaim>());
        Assert.Equal("bench-results", claim.Metadata.Name);
        Assert.Equal(["ReadWriteMany"], claim.Spec.AccessModes);
        Assert.Equal("20Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("efs-sc", claim.Spec.StorageClassName);
        Assert.Equal("bench-results", manifest.LoadJob.Spec.Template.Spec.Volumes.Single().PersistentVolumeClaim.ClaimName);
        // The claim comes first, so 'kubectl apply -f' creates it before the pods that mount it.
        Assert.IsType<V1PersistentVolumeClaim>(manifest.Objects[0]);
    }

    [Fact]
    public async Task Without_a_size_the_claim_must_exist_and_the_manifest_holds_only_the_two_jobs()
    {
        using var manifest = await GeneratedManifest.WriteAsync("--ca-bundle rds-ca --service-account replicabench-irsa");

        Assert.Equal(2, manifest.Objects.Count);
        Assert.All(manifest.Objects, o => Assert.IsType<V1Job>(o));
        var pod = manifest.LoadJob.Spec.Template.Spec;
        Assert.Equal("replicabench-irsa", pod.ServiceAccountName);
        Assert.Equal("rds-ca", pod.Volumes.Single(v => v.ConfigMap is not null).ConfigMap.Name);
        Assert.Contains(pod.Containers[0].VolumeMounts, m => m.MountPath == "/etc/replicabench/ca" && m.ReadOnlyProperty == true);
    }

    [Fact]
    public async Task Without_a_start_the_shards_start_the_lead_time_from_now_to_the_second()
    {
        using var temp = new ReplicaBench.Tests.TempDirectory();
        var file = temp.Combine("run.yaml");
        var before = TimeProvider.System.GetUtcNow();

        var (code, _, stderr) = await CliRunner.RunAsync($"k8s manifest --agents 2 --image rb:1 --scenario point-read --lead-time 10m --out {file}");

        Assert.True(code == ExitCodes.Success, stderr);
        var job = k8s.KubernetesYaml.LoadAllFromString(File.ReadAllText(file)).OfType<V1Job>().First();
        var start = System.Text.RegularExpressions.Regex.Match(job.Spec.Template.Spec.Containers[0].Command[2], "--start-at (\\S+)").Groups[1].Value;
        var instant = DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, instant.Millisecond);
        // 10 minutes from when the command ran, rounded up to the next second (the test allows the command 60 s).
        Assert.InRange(instant - before, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(11));
    }
}
