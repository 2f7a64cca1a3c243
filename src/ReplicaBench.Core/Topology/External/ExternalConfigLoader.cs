namespace ReplicaBench.Topology.External;

/// <summary>
/// Assembles the external configuration: the JSON file (if any) first, then every
/// <c>REPLICABENCH_*</c> variable that is set overrides its field (see <see cref="ExternalEnvironment"/>),
/// then <c>--allow-writes</c>, which can only turn writes on. Validates once at the end, so a missing
/// field is reported the same way whichever source was meant to give it.
/// </summary>
public static class ExternalConfigLoader
{
    /// <param name="configFile">The <c>--config</c> file, or null for environment variables only.</param>
    /// <param name="allowWritesFlag">Whether <c>--allow-writes</c> was given.</param>
    /// <param name="environment">Reads an environment variable (the process environment by default).</param>
    public static ExternalTopologyConfig Load(string? configFile, bool allowWritesFlag, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var draft = new ExternalConfigDraft();
        if (configFile is not null)
        {
            ExternalConfigFile.ReadInto(draft, configFile);
        }

        ExternalEnvironment.ApplyTo(draft, environment);
        if (allowWritesFlag)
        {
            draft.AllowWrites = true;
        }

        return draft.Build();
    }
}
