namespace ReplicaBench.Configuration;

/// <summary>
/// A configuration provider that knows how the user wrote each key it supplies, so a message about a
/// value can name the flag, the variable or the file field it came from (see <see cref="SettingNames"/>).
/// </summary>
public interface ISettingSource
{
    /// <summary>The name of the setting at <paramref name="path"/> (a configuration path, e.g. <c>replicas:0</c>).</summary>
    SettingName NameOf(string path);
}
