namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// What <c>replicabench k8s manifest</c> builds its objects from, checked already: every name is a
/// Kubernetes object name, the quantities parse, the load flags passed <c>load --check</c>.
/// </summary>
internal sealed record ManifestSettings
{
    /// <summary>The prefix of every object's name (<c>NAME-load</c>, <c>NAME-merge</c>) and the run folder's parent on the volume.</summary>
    public required string Name { get; init; }

    /// <summary>The number of shards, one pod each (the Indexed Job's completions and parallelism).</summary>
    public required int Agents { get; init; }

    public required string Image { get; init; }

    /// <summary>The instant every shard plans its cells from: ISO 8601 UTC, whole seconds, with Z.</summary>
    public required string StartAt { get; init; }

    /// <summary>The flags every pod's <c>load</c> gets after the ones the manifest sets (--state-dir, --shard, --start-at, --out).</summary>
    public required IReadOnlyList<string> LoadFlags { get; init; }

    /// <summary>The PersistentVolumeClaim the shards and the merge share (ReadWriteMany).</summary>
    public required string ClaimName { get; init; }

    /// <summary>When set, the manifest creates the claim with this size; else the claim must exist.</summary>
    public string? ClaimSize { get; init; }

    public string? StorageClass { get; init; }

    /// <summary>The ConfigMap whose keys are the endpoint variables (REPLICABENCH_PRIMARY, ...), given to the load pods whole.</summary>
    public required string ConfigMap { get; init; }

    /// <summary>The Secret whose keys are the credential variables (REPLICABENCH_PASSWORD, or AWS keys), given to the load pods whole.</summary>
    public required string Secret { get; init; }

    /// <summary>A ConfigMap holding the servers' CA bundle, mounted read-only at <see cref="ManifestPaths.CaBundle"/>; optional.</summary>
    public string? CaBundleConfigMap { get; init; }

    /// <summary>The load pods' service account (e.g. one annotated for IRSA, for <c>auth: iam</c>); optional.</summary>
    public string? ServiceAccount { get; init; }

    /// <summary>CPU each load pod requests and is limited to (a Kubernetes quantity, e.g. 1 or 500m).</summary>
    public required string AgentCpu { get; init; }

    public required string AgentMemory { get; init; }

    /// <summary>After this many seconds Kubernetes stops either Job (its activeDeadlineSeconds): the bound on a merge waiting for a shard that died.</summary>
    public required long DeadlineSeconds { get; init; }
}
