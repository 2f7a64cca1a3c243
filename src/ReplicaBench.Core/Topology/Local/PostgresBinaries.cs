namespace ReplicaBench.Topology.Local;

/// <summary>
/// Finds the PostgreSQL server binaries: <c>$PG_BIN</c>, then <c>PATH</c>, then the newest
/// <c>/usr/lib/postgresql/&lt;major&gt;/bin</c> (Debian/Ubuntu's layout, where they are not on PATH).
/// </summary>
public sealed class PostgresBinaries
{
    public const string EnvironmentVariable = "PG_BIN";

    /// <summary>The tools the local provider runs; a directory must have all of them.</summary>
    internal static readonly string[] RequiredTools = ["initdb", "pg_ctl", "pg_basebackup", "postgres"];

    private PostgresBinaries(string directory, string source)
    {
        Directory = directory;
        Source = source;
    }

    public string Directory { get; }

    /// <summary>Where it was found: <c>PG_BIN</c>, <c>PATH</c> or <c>/usr/lib/postgresql</c>.</summary>
    public string Source { get; }

    public string Tool(string name) => Path.Combine(Directory, name);

    /// <summary>Finds the binaries or throws a <see cref="BadInputException"/> that says what to install.</summary>
    public static PostgresBinaries Locate() => Locate(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Environment.GetEnvironmentVariable("PATH"),
        "/usr/lib/postgresql");

    internal static PostgresBinaries Locate(string? pgBin, string? path, string distroRoot)
    {
        if (!string.IsNullOrWhiteSpace(pgBin))
        {
            if (HasAllTools(pgBin))
            {
                return new PostgresBinaries(Path.GetFullPath(pgBin), EnvironmentVariable);
            }

            throw new BadInputException(
                $"PG_BIN={pgBin} does not hold the PostgreSQL server binaries ({string.Join(", ", RequiredTools)}); point it at e.g. /usr/lib/postgresql/15/bin or unset it.");
        }

        foreach (var dir in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasAllTools(dir))
            {
                return new PostgresBinaries(Path.GetFullPath(dir), "PATH");
            }
        }

        if (System.IO.Directory.Exists(distroRoot))
        {
            var newest = System.IO.Directory.GetDirectories(distroRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var m) ? m : -1))
                .Where(d => d.Major >= 0 && HasAllTools(d.Dir))
                .OrderByDescending(d => d.Major)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return new PostgresBinaries(newest.Dir, distroRoot);
            }
        }

        throw new BadInputException(
            "no PostgreSQL server binaries found (looked in PG_BIN, PATH and /usr/lib/postgresql/*/bin); install them (Debian/Ubuntu: apt-get install postgresql-15) or set PG_BIN to their folder.");
    }

    private static bool HasAllTools(string directory) =>
        RequiredTools.All(tool => File.Exists(Path.Combine(directory, tool)));
}
