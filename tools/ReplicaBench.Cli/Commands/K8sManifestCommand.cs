using System.CommandLine;
using ReplicaBench.Cli.Kubernetes;

namespace ReplicaBench.Cli.Commands;

/// <summary>
/// <c>replicabench k8s manifest --agents N --image IMAGE [load flags] --out FILE.yaml</c>: writes the
/// objects of a sharded run on Kubernetes (an Indexed Job of N shards, a merge Job, optionally the
/// claim they share). Any option it does not know is a load flag, checked as <c>load --check</c>
/// would and passed on to every pod. It writes the file and touches no cluster.
/// </summary>
internal static class K8sManifestCommand
{
    public static Command Create()
    {
        var agents = new Option<int>("--agents") { Description = "Number of shards, one pod each (the Indexed Job's completions and parallelism), 2 to 1000.", Required = true, HelpName = "N" };
        var image = new Option<string>("--image") { Description = "The replicabench image the pods run (built from the repository's Dockerfile and pushed where the cluster pulls from).", Required = true, HelpName = "IMAGE" };
        var output = new Option<string>("--out") { Description = "The manifest file to write (YAML, several documents).", Required = true, HelpName = "FILE.yaml" };
        var name = new Option<string>("--name") { Description = "Run name: the Jobs are NAME-load and NAME-merge, the run folder /results/NAME/START on the volume.", DefaultValueFactory = _ => "replicabench", HelpName = "NAME" };
        var startAt = new Option<string?>("--start-at") { Description = "The UTC instant every shard starts its first cell at (ISO 8601 with Z). Default: now + --lead-time.", HelpName = "TIME" };
        var leadTime = new Option<string?>("--lead-time") { Description = $"Time from now to the start, to cover applying the manifest, scheduling, pulling the image and verifying the endpoints (default {ManifestInputs.DefaultLeadTime}, at least 30s).", HelpName = "DURATION" };
        var claim = new Option<string>("--pvc") { Description = "The PersistentVolumeClaim (ReadWriteMany) the shards write to and the merge reads.", DefaultValueFactory = _ => "replicabench-results", HelpName = "NAME" };
        var claimSize = new Option<string?>("--pvc-size") { Description = "Also create that claim, of this size (e.g. 10Gi), ReadWriteMany; without it the claim must exist.", HelpName = "SIZE" };
        var storageClass = new Option<string?>("--storage-class") { Description = "With --pvc-size: the claim's storage class (one that offers ReadWriteMany, e.g. an NFS or EFS class).", HelpName = "NAME" };
        var configMap = new Option<string>("--config-map") { Description = "ConfigMap whose keys are the endpoint variables (REPLICABENCH_PRIMARY, REPLICABENCH_REPLICAS, REPLICABENCH_DATABASE, REPLICABENCH_USER, ...), given to every load pod.", DefaultValueFactory = _ => "replicabench-endpoints", HelpName = "NAME" };
        var secret = new Option<string>("--secret") { Description = "Secret whose keys are the credential variables (REPLICABENCH_PASSWORD, or AWS keys for auth iam), given to every load pod by reference; no value is written into the manifest.", DefaultValueFactory = _ => "replicabench", HelpName = "NAME" };
        var caBundle = new Option<string?>("--ca-bundle") { Description = $"ConfigMap holding the servers' CA bundle, mounted at {ManifestPaths.CaBundle} in the load pods; set REPLICABENCH_SSLROOTCERT to the file in it.", HelpName = "NAME" };
        var serviceAccount = new Option<string?>("--service-account") { Description = "The load pods' service account, e.g. one with an IAM role (IRSA) for auth iam.", HelpName = "NAME" };
        var agentCpu = new Option<string>("--agent-cpu") { Description = "CPU each load pod requests and is limited to, a Kubernetes quantity; see the sizing rule in docs/kubernetes.md.", DefaultValueFactory = _ => "1", HelpName = "CPU" };
        var agentMemory = new Option<string>("--agent-memory") { Description = "Memory each load pod requests and is limited to.", DefaultValueFactory = _ => "1Gi", HelpName = "SIZE" };
        var deadline = new Option<string>("--deadline") { Description = $"Kubernetes stops either Job this long after it is applied (activeDeadlineSeconds): cover the wait for --start-at and the whole matrix; it bounds a merge waiting for a shard that died.", DefaultValueFactory = _ => ManifestInputs.DefaultDeadline, HelpName = "DURATION" };

        var command = new Command(
            "manifest",
            "Write a Kubernetes manifest for a sharded load on external endpoints: an Indexed Job of N pods, pod k running 'load --shard k+1/N' with one --start-at, a merge Job that waits for them and merges and renders the report, on a shared volume. "
            + "Every option not listed here is a load flag, checked as 'load --check' checks it and passed on to every pod, e.g. --scenario read-heavy --vus 64 --duration 5m.")
        {
            agents, image, output, name, startAt, leadTime, claim, claimSize, storageClass, configMap, secret, caBundle, serviceAccount, agentCpu, agentMemory, deadline,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(agents);
            ManifestInputs.EnsureAgents(count);
            ManifestInputs.EnsureImage(parse.GetRequiredValue(image));
            ManifestInputs.EnsureName(parse.GetRequiredValue(name));
            ManifestInputs.EnsureObjectName(parse.GetRequiredValue(claim), "--pvc");
            ManifestInputs.EnsureObjectName(parse.GetValue(storageClass), "--storage-class");
            ManifestInputs.EnsureObjectName(parse.GetRequiredValue(configMap), "--config-map");
            ManifestInputs.EnsureObjectName(parse.GetRequiredValue(secret), "--secret");
            ManifestInputs.EnsureObjectName(parse.GetValue(caBundle), "--ca-bundle");
            ManifestInputs.EnsureObjectName(parse.GetValue(serviceAccount), "--service-account");
            ManifestInputs.EnsureQuantity(parse.GetValue(claimSize), "--pvc-size", "10Gi");
            ManifestInputs.EnsureQuantity(parse.GetRequiredValue(agentCpu), "--agent-cpu", "1, 2 or 500m");
            ManifestInputs.EnsureQuantity(parse.GetRequiredValue(agentMemory), "--agent-memory", "1Gi or 512Mi");
            if (parse.GetValue(storageClass) is not null && parse.GetValue(claimSize) is null)
            {
                throw new BadInputException("--storage-class applies to the claim the manifest creates; add --pvc-size SIZE, or drop --storage-class.");
            }

            var start = ManifestInputs.StartAt(parse.GetValue(startAt), parse.GetValue(leadTime), TimeProvider.System);
            var deadlineSeconds = ManifestInputs.DeadlineSeconds(parse.GetRequiredValue(deadline));
            var loadFlags = parse.UnmatchedTokens.ToArray();
            await LoadFlagCheck.EnsureValidAsync(loadFlags, count, start);

            var settings = new ManifestSettings
            {
                Name = parse.GetRequiredValue(name),
                Agents = count,
                Image = parse.GetRequiredValue(image),
                StartAt = start,
                LoadFlags = loadFlags,
                ClaimName = parse.GetRequiredValue(claim),
                ClaimSize = parse.GetValue(claimSize),
                StorageClass = parse.GetValue(storageClass),
                ConfigMap = parse.GetRequiredValue(configMap),
                Secret = parse.GetRequiredValue(secret),
                CaBundleConfigMap = parse.GetValue(caBundle),
                ServiceAccount = parse.GetValue(serviceAccount),
                AgentCpu = parse.GetRequiredValue(agentCpu),
                AgentMemory = parse.GetRequiredValue(agentMemory),
                DeadlineSeconds = deadlineSeconds,
            };
            var file = parse.GetRequiredValue(output);
            ManifestFile.Write(file, ManifestBuilder.ToYaml(settings));

            var stdout = parse.InvocationConfiguration.Output;
            await stdout.WriteLineAsync(
                $"wrote {Path.GetFullPath(file)}: Job {settings.Name}-load ({count} shards, Indexed), Job {settings.Name}-merge{(settings.ClaimSize is null ? string.Empty : $", PersistentVolumeClaim {settings.ClaimName} ({settings.ClaimSize})")}".AsMemory(),
                cancellationToken);
            await stdout.WriteLineAsync($"the shards start their first cell at {start}; apply before then: kubectl apply -f {file}".AsMemory(), cancellationToken);
            await stdout.WriteLineAsync($"results: {ManifestPaths.RunFolder(settings)}/merged (report/index.html) on claim {settings.ClaimName}".AsMemory(), cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }
}
