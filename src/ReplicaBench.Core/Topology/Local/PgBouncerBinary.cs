namespace ReplicaBench.Topology.Local;

/// <summary>
/// Finds the <c>pgbouncer</c> executable: <c>$REPLICABENCH_PGBOUNCER</c>, then <c>PATH</c>, then
/// <c>/usr/sbin</c> (where Debian's package puts it, and which is not on a normal user's PATH).
/// </summary>
internal static class PgBouncerBinary
{
    public const string EnvironmentVariable = "REPLICABENCH_PGBOUNCER";

    private const string DistroPath = "/usr/sbin/pgbouncer";

    public static string Locate() => Locate(
        Environment.GetEnvironmentVariable(EnvironmentVariable), Environment.GetEnvironmentVariable("PATH"), DistroPath);

    /// <exception cref="BadInputException">No executable pgbouncer: says which package to install.</exception>
    internal static string Locate(string? explicitPath, string? path, string distroPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return IsExecutable(explicitPath)
                ? Path.GetFullPath(explicitPath)
                : throw new BadInputException($"{EnvironmentVariable}={explicitPath} is not an executable pgbouncer; point it at one (Debian: /usr/sbin/pgbouncer after 'apt-get install pgbouncer') or unset it.");
        }

        var candidates = (path ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "pgbouncer"))
            .Append(distroPath);
        return candidates.FirstOrDefault(IsExecutable)
            ?? throw new BadInputException("--pooler pgbouncer needs the pgbouncer program, which is not installed (not on PATH nor in /usr/sbin); install it with 'apt-get install pgbouncer'.");
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0);
}
