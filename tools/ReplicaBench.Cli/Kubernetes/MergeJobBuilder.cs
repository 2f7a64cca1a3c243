using k8s.Models;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// The Job that merges the shards and renders the report. It is applied with the load Job and
/// waits for it through the shared volume (an init container polls for every shard's exit code), so
/// it needs no API access, no RBAC objects and no operator: only the volume. It gets no ConfigMap,
/// no Secret and no service account: merge and report read files and connect to nothing.
/// </summary>
internal static class MergeJobBuilder
{
    public const string WaitContainerName = "wait-for-shards";
    public const string ContainerName = "merge";

    public static V1Job Build(ManifestSettings settings)
    {
        var labels = ManifestLabels.For(settings, "merge");
        var mounts = new List<V1VolumeMount> { new() { Name = ManifestLabels.ResultsVolumeName, MountPath = ManifestPaths.Results } };
        return new V1Job
        {
            ApiVersion = "batch/v1",
            Kind = "Job",
            Metadata = new V1ObjectMeta { Name = settings.Name + "-merge", Labels = labels },
            Spec = new V1JobSpec
            {
                Completions = 1,
                Parallelism = 1,
                BackoffLimit = 0,
                ActiveDeadlineSeconds = settings.DeadlineSeconds,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "Never",
                        AutomountServiceAccountToken = false,
                        SecurityContext = ManifestLabels.PodSecurity(),
                        InitContainers =
                        [
                            new V1Container { Name = WaitContainerName, Image = settings.Image, Command = ["/bin/sh", "-c", PodScripts.WaitForShards(settings)], VolumeMounts = mounts },
                        ],
                        Containers =
                        [
                            new V1Container { Name = ContainerName, Image = settings.Image, Command = ["/bin/sh", "-c", PodScripts.Merge(settings)], VolumeMounts = mounts },
                        ],
                        Volumes = [ManifestLabels.ResultsVolume(settings)],
                    },
                },
            },
        };
    }
}
