using k8s.Models;

namespace ReplicaBench.Cli.Kubernetes;

/// <summary>What both Jobs share: their labels, the results volume and the pods' security context.</summary>
internal static class ManifestLabels
{
    public const string ResultsVolumeName = "results";

    /// <summary>The runtime image's non-root user (the .NET images' <c>app</c>, APP_UID); see the Dockerfile.</summary>
    public const long AppUid = 1654;

    /// <summary>The recommended labels, so <c>kubectl get pods -l app.kubernetes.io/instance=NAME</c> finds a run's pods.</summary>
    public static Dictionary<string, string> For(ManifestSettings settings, string component) => new(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "replicabench",
        ["app.kubernetes.io/instance"] = settings.Name,
        ["app.kubernetes.io/component"] = component,
    };

    public static V1Volume ResultsVolume(ManifestSettings settings) => new()
    {
        Name = ResultsVolumeName,
        PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = settings.ClaimName },
    };

    /// <summary>Non-root, with the volume's files group-owned by the app user where the volume plugin honours fsGroup.</summary>
    public static V1PodSecurityContext PodSecurity() => new() { RunAsNonRoot = true, RunAsUser = AppUid, RunAsGroup = AppUid, FsGroup = AppUid };
}
