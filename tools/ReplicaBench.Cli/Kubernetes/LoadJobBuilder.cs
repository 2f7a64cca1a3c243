using k8s.Models;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// The Indexed Job whose N pods are the N shards: pod k (0-based JOB_COMPLETION_INDEX) runs
/// <c>load --shard k+1/N</c> with the run's one <c>--start-at</c>, on an external topology it
/// verifies itself from the ConfigMap's and the Secret's variables, into the shared volume.
/// </summary>
internal static class LoadJobBuilder
{
    public const string ContainerName = "load";

    public static V1Job Build(ManifestSettings settings)
    {
        var labels = ManifestLabels.For(settings, "load");
        var volumes = new List<V1Volume> { ManifestLabels.ResultsVolume(settings) };
        var mounts = new List<V1VolumeMount> { new() { Name = ManifestLabels.ResultsVolumeName, MountPath = ManifestPaths.Results } };
        if (settings.CaBundleConfigMap is { } caBundle)
        {
            volumes.Add(new V1Volume { Name = "ca-bundle", ConfigMap = new V1ConfigMapVolumeSource { Name = caBundle } });
            mounts.Add(new V1VolumeMount { Name = "ca-bundle", MountPath = ManifestPaths.CaBundle, ReadOnlyProperty = true });
        }

        var resources = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal)
        {
            ["cpu"] = new(settings.AgentCpu),
            ["memory"] = new(settings.AgentMemory),
        };
        var container = new V1Container
        {
            Name = ContainerName,
            Image = settings.Image,
            Command = ["/bin/sh", "-c", PodScripts.Load(settings), PodScripts.LoadScriptName],
            // The user's load flags, as given: the script passes them on as "$@".
            Args = [.. settings.LoadFlags],
            // Variables only: the endpoints from a ConfigMap, the credentials from a Secret (a later
            // source wins on a shared key). No value of either is ever written into this manifest.
            EnvFrom =
            [
                new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = settings.ConfigMap } },
                new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = settings.Secret } },
            ],
            VolumeMounts = mounts,
            // Requests = limits: the sizing rule (docs/kubernetes.md) counts whole agents of this CPU.
            Resources = new V1ResourceRequirements { Requests = resources, Limits = new Dictionary<string, ResourceQuantity>(resources, StringComparer.Ordinal) },
        };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = settings.Name + "-load", Labels = labels },
            Spec = new V1JobSpec
            {
                CompletionMode = "Indexed",
                Completions = settings.Agents,
                Parallelism = settings.Agents,
                // A retried shard would start after --start-at and write over its own folder: one try.
                BackoffLimit = 0,
                ActiveDeadlineSeconds = settings.DeadlineSeconds,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        ServiceAccountName = settings.ServiceAccount,
                        SecurityContext = ManifestLabels.PodSecurity(),
                        Containers = [container],
                        Volumes = volumes,
                    },
                },
            },
        };
    }
}
