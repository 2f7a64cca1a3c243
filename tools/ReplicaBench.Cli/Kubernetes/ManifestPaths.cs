namespace ReplicaBench.Cli.Kubernetes;

/// <summary>Where things are inside the pods; the scripts and the volume mounts agree through these.</summary>
internal static class ManifestPaths
{
    /// <summary>The shared volume's mount point in every pod.</summary>
    public const string Results = "/results";

    /// <summary>
    /// Each load pod's own topology state (topology.json from <c>topology up --provider external</c>),
    /// on the container's own disk, at the same path in every pod: run.settings records it, and
    /// merge refuses shards whose settings differ.
    /// </summary>
    public const string TopologyState = "/tmp/replicabench-topology";

    /// <summary>The CA bundle ConfigMap's mount point (point REPLICABENCH_SSLROOTCERT at a file in it).</summary>
    public const string CaBundle = "/etc/replicabench/ca";

    /// <summary>The run's folder on the volume: one per start instant, so runs never overwrite each other.</summary>
    public static string RunFolder(ManifestSettings settings) =>
        $"{Results}/{settings.Name}/{settings.StartAt.Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal)}";
}
