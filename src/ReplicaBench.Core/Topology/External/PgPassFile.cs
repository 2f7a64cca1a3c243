using System.Text;

namespace ReplicaBench.Topology.External;

/// <summary>
/// A PostgreSQL password file (<c>~/.pgpass</c>, or the file <c>PGPASSFILE</c> names), read as
/// libpq reads it: lines <c>hostname:port:database:username:password</c>, <c>*</c> matching anything
/// in the first four fields, <c>\:</c> and <c>\\</c> escaping, <c>#</c> comments, first match wins.
/// As in libpq, on Unix a file that its group or others can access is not used: here that is an
/// error naming the fix (<c>chmod 0600</c>) instead of a silent fallback.
/// </summary>
public sealed class PgPassFile
{
    private readonly IReadOnlyList<Entry> _entries;

    private PgPassFile(string path, IReadOnlyList<Entry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    /// <summary>Reads the file after checking it is a regular file with no group/other access (Unix).</summary>
    public static PgPassFile Load(string path, string variable)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new BadInputException($"{variable} names {path}, which does not exist; fix the path or unset {variable}.");
        }

        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((info.UnixFileMode & GroupOrOther) != 0)
            {
                throw new BadInputException(
                    $"password file {path} has group or world access (mode {Convert.ToString((int)info.UnixFileMode, 8).PadLeft(4, '0')}), so it is not used, as libpq would not; run 'chmod 0600 {path}'.");
            }
        }

        try
        {
            return Parse(path, File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"password file {path} cannot be read ({ex.Message.TrimEnd('.')}); check its owner and mode (0600).", ex);
        }
    }

    /// <summary>Parses password file text; malformed lines (fewer than five fields) are skipped, as libpq does.</summary>
    public static PgPassFile Parse(string path, string text)
    {
        var entries = new List<Entry>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = Split(line);
            if (fields.Count >= 5)
            {
                entries.Add(new Entry(fields[0], fields[1], fields[2], fields[3], fields[4], lineNumber));
            }
        }

        return new PgPassFile(path, entries);
    }

    /// <summary>The password of the first line matching the endpoint, database and user; null when none matches.</summary>
    public EndpointPassword? Find(string host, int port, string database, string user)
    {
        var portText = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var entry in _entries)
        {
            if (Matches(entry.Host, host) && Matches(entry.Port, portText) && Matches(entry.Database, database) && Matches(entry.User, user))
            {
                return new EndpointPassword(entry.Password.Value, $"password file {Path} line {entry.Line}");
            }
        }

        return null;
    }

    private static bool Matches(Field field, string value) => field.IsWildcard || string.Equals(field.Value, value, StringComparison.Ordinal);

    /// <summary>Splits on unescaped colons; the password field ends at the next unescaped colon, as in libpq.</summary>
    private static List<Field> Split(string line)
    {
        var fields = new List<Field>(5);
        var current = new StringBuilder();
        var escaped = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                escaped = true;
                continue;
            }

            if (c == ':')
            {
                fields.Add(new Field(current.ToString(), IsWildcard: !escaped && current.ToString() == "*"));
                current.Clear();
                escaped = false;
                if (fields.Count == 5)
                {
                    return fields;
                }

                continue;
            }

            current.Append(c);
        }

        fields.Add(new Field(current.ToString(), IsWildcard: !escaped && current.ToString() == "*"));
        return fields;
    }

    private readonly record struct Field(string Value, bool IsWildcard);

    private sealed record Entry(Field Host, Field Port, Field Database, Field User, Field Password, int Line);
}
