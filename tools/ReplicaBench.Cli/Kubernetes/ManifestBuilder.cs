using k8s;
using k8s.Models;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// The whole manifest of a sharded run on Kubernetes: the claim (when asked to create it), the load
/// Job and the merge Job, as KubernetesClient's typed models serialized by its own YAML support, so
/// every field is one the models (generated from Kubernetes's OpenAPI) have.
/// </summary>
/// <remarks>
/// This lives in the CLI, not in the core library: KubernetesClient (and its YAML and JSON
/// dependencies) is needed by this one command, and Core stays free of it; the domain it uses —
/// shards, start instants, load settings — is Core's already.
/// </remarks>
internal static class ManifestBuilder
{
    public static IReadOnlyList<IKubernetesObject> Build(ManifestSettings settings)
    {
        var objects = new List<IKubernetesObject>();
        if (settings.ClaimSize is { } size)
        {
            objects.Add(new V1PersistentVolumeClaim
            {
                ApiVersion = "v1",
                Kind = "PersistentVolumeClaim",
                Metadata = new V1ObjectMeta { Name = settings.ClaimName, Labels = ManifestLabels.For(settings, "results") },
                Spec = new V1PersistentVolumeClaimSpec
                {
                    // The shards' pods may run on different nodes and all write at once.
                    AccessModes = ["ReadWriteMany"],
                    StorageClassName = settings.StorageClass,
                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity>(StringComparer.Ordinal) { ["storage"] = new(size) } },
                },
            });
        }

        objects.Add(LoadJobBuilder.Build(settings));
        objects.Add(MergeJobBuilder.Build(settings));
        return objects;
    }

    public static string ToYaml(ManifestSettings settings) => KubernetesYaml.SerializeAll(Build(settings));
}
