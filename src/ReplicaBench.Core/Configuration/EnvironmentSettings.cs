using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace ReplicaBench.Configuration;

/// <summary>
/// Every environment variable that starts with a prefix, as settings (<c>REPLICABENCH_LOAD_VUS</c> is
/// <c>vus</c>; <c>__</c> separates sections): the library's provider, plus two rules of the suite.
/// A blank variable is left out, as in <see cref="NamedSettings"/>, and each setting is named by its
/// variable in messages.
/// </summary>
public sealed class EnvironmentSettings : EnvironmentVariablesConfigurationProvider, IConfigurationSource, ISettingSource
{
    private readonly string _prefix;

    /// <param name="prefix">What every variable starts with, e.g. <c>REPLICABENCH_LOAD_</c>; it is not part of the key.</param>
    public EnvironmentSettings(string prefix)
        : base(prefix)
    {
        _prefix = prefix;
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        base.Load();
        foreach (var blank in Data.Where(pair => string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Key).ToList())
        {
            Data.Remove(blank);
        }
    }

    public SettingName NameOf(string path) =>
        new(_prefix + path.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal).ToUpperInvariant());
}
