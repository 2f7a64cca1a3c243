using Microsoft.Extensions.Configuration;

namespace ReplicaBench.Configuration;

/// <summary>
/// Names each setting after the source that supplied its value: the last provider that has the key
/// wins in configuration, so it is also the one the user has to fix. A key no source supplied (a
/// default) is named by its path.
/// </summary>
public sealed class SettingNames(IConfigurationRoot? configuration)
{
    /// <summary>For settings built in code: every name is the key itself.</summary>
    public static SettingNames None { get; } = new(null);

    public SettingName Of(string path)
    {
        foreach (var provider in configuration?.Providers.Reverse() ?? [])
        {
            if (provider is ISettingSource source && Supplies(provider, path))
            {
                return source.NameOf(path);
            }
        }

        return new SettingName(SettingName.FieldOf(path));
    }

    /// <summary>The file the value at <paramref name="path"/> came from, or null when it came from elsewhere.</summary>
    public string? FileOf(string path) => Of(path).File;

    private static bool Supplies(IConfigurationProvider provider, string path) =>
        provider.TryGet(path, out _) || provider.GetChildKeys([], path).Any();
}
