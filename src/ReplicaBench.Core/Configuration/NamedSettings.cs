using Microsoft.Extensions.Configuration;

namespace ReplicaBench.Configuration;

/// <summary>
/// Settings given as flags or as a fixed set of environment variables: an in-memory configuration
/// source whose keys remember how the user wrote them (<c>--vus</c>, <c>REPLICABENCH_PRIMARY</c>).
/// A value that is null or blank is left out, so it does not override a lower layer: an unset GitHub
/// secret arrives as an empty variable and must not blank the config file's field.
/// </summary>
public sealed class NamedSettings : ConfigurationProvider, IConfigurationSource, ISettingSource
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="values">Each setting: its configuration key, the name the user wrote, and the value as typed.</param>
    public NamedSettings(IEnumerable<(string Key, string Name, string? Value)> values)
    {
        foreach (var (key, name, value) in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Data[key] = value.Trim();
                _names[key] = name;
            }
        }
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Flags and variables set whole settings, so a path inside one (<c>replicas:1</c>) is named by its first key.</summary>
    public SettingName NameOf(string path) => new(_names.TryGetValue(path.Split(':')[0], out var name) ? name : path);
}
