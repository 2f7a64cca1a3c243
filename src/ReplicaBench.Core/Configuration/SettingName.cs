namespace ReplicaBench.Configuration;

/// <summary>
/// A setting named the way the user wrote it, for messages: a flag (<c>--vus</c>), an environment
/// variable (<c>REPLICABENCH_PRIMARY</c>), or a field of a file (<c>/x/external.json: primary.port</c>).
/// A message about a file's field describes the field; one about a flag or variable quotes the value.
/// </summary>
/// <param name="Text">What a message calls the setting.</param>
/// <param name="File">The file's full path when the setting is one of its fields, else null.</param>
/// <param name="Field">The field as written in the file (<c>replicas[0].host</c>), when <paramref name="File"/> is set.</param>
public readonly record struct SettingName(string Text, string? File = null, string? Field = null)
{
    public bool IsFileField => File is not null;

    /// <summary>A configuration path as a file's reader sees it: <c>replicas:0:host</c> is <c>replicas[0].host</c>.</summary>
    public static string FieldOf(string path)
    {
        var field = new System.Text.StringBuilder();
        foreach (var segment in path.Split(':'))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                field.Append('[').Append(segment).Append(']');
            }
            else
            {
                field.Append(field.Length == 0 ? string.Empty : ".").Append(segment);
            }
        }

        return field.ToString();
    }

    public override string ToString() => Text;
}
