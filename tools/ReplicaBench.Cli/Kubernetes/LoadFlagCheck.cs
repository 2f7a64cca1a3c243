namespace ReplicaBench.Cli.Kubernetes;

/// <summary>
/// The load flags a manifest passes to every pod, checked here as <c>load --check</c> checks them,
/// so a mistake is one line now rather than N failed pods later.
/// </summary>
internal static class LoadFlagCheck
{
    // What the manifest itself sets per pod, or what cannot work inside one: each with the reason.
    private static readonly (string Flag, string Why)[] NotPassedOn =
    [
        ("--out", "each pod writes its shard's folder on the shared volume, and --out of 'k8s manifest' is the manifest file"),
        ("--state-dir", "each pod verifies the external endpoints into a state dir of its own"),
        ("--shard", "the Indexed Job gives pod k the shard k+1/N; set N with --agents"),
        ("--force", "every run gets a folder of its own on the volume"),
        ("--check", "'k8s manifest' checks the load flags itself"),
        ("--run-file", "a file on this machine does not reach the pods; give its settings as flags"),
        ("--script", "a script file on this machine does not reach the pods; use --scenario or --mix"),
        ("--fault", "faults stop servers, which an external topology refuses, and would run once per shard"),
        ("--apply-delay", "the pods run on existing (external) endpoints, whose delay is their own"),
        ("--node-cpus", "the pods run on existing (external) endpoints, whose size is their own; size the agents with --agent-cpu"),
        ("--node-memory", "the pods run on existing (external) endpoints, whose size is their own; size the agents with --agent-memory"),
    ];

    /// <summary>Throws a one-line <see cref="BadInputException"/> for the first flag that is not passed on or that <c>load --check</c> refuses.</summary>
    public static async Task EnsureValidAsync(IReadOnlyList<string> flags, int agents, string startAt)
    {
        foreach (var token in flags)
        {
            foreach (var (flag, why) in NotPassedOn)
            {
                if (token == flag || token.StartsWith(flag + "=", StringComparison.Ordinal) || token.StartsWith(flag + ":", StringComparison.Ordinal))
                {
                    throw new BadInputException($"k8s manifest: load flag {flag} is not passed on to the pods: {why}; drop it.");
                }
            }
        }

        // The library's own parse of the shard and the instant, with its own messages.
        ReplicaBench.Engine.Sharding.ShardSpec.Parse($"1/{agents}", startAt);

        // load --check without --shard and --state-dir: both need a topology that is up, and the
        // pods bring theirs up themselves. --out is only resolved by --check, never created.
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var output = Path.Combine(Path.GetTempPath(), "replicabench-k8s-manifest-check");
        var code = await ReplicaBenchCli.RunAsync(["load", .. flags, "--out", output, "--check"], stdout, stderr);
        if (code != ExitCodes.Success)
        {
            var line = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"load --check exited {code}";
            const string prefix = "replicabench: ";
            throw new BadInputException("k8s manifest: load flags: " + (line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : line));
        }
    }
}
