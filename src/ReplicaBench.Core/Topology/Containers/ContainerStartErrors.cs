namespace ReplicaBench.Topology.Containers;

/// <summary>
/// Turns what Docker or a container's log says about a failed start into one line that names the
/// problem and the fix. An image that cannot run PostgreSQL is the user's input, hence
/// <see cref="BadInputException"/>; anything else is a <see cref="TopologyException"/>.
/// </summary>
internal static class ContainerStartErrors
{
    /// <summary>Docker refused to create or start the container (its message, first line).</summary>
    public static Exception FromDocker(string image, bool imageWasLocal, string node, string dockerMessage)
    {
        if (dockerMessage.Contains("unable to find user postgres", StringComparison.OrdinalIgnoreCase))
        {
            return NoPostgres(image, "it has no 'postgres' user");
        }

        if (MissingShell(dockerMessage))
        {
            return NoPostgres(image, "it has no /bin/sh");
        }

        if (!imageWasLocal)
        {
            return new BadInputException(
                $"image '{image}' is not on this machine and could not be pulled ({dockerMessage}); pull or build it first, or pass --image with an image the engine has.");
        }

        return new TopologyException($"{node} container did not start: {dockerMessage}");
    }

    /// <summary>The container stopped before its server accepted connections.</summary>
    public static Exception FromExit(string image, string node, long exitCode, string log)
    {
        if (exitCode == ContainerEntryScript.NoServerBinariesExitCode
            && log.Contains(ContainerEntryScript.NoServerBinariesMarker, StringComparison.Ordinal))
        {
            return NoPostgres(image, "it has no PostgreSQL server binaries (initdb, postgres, pg_basebackup)");
        }

        // The engine could not even run the entry script (newer runtimes report it in the log).
        if (MissingShell(log))
        {
            return NoPostgres(image, "it has no /bin/sh");
        }

        return new TopologyException($"{node} container exited with code {exitCode} before accepting connections: {LastLines(log, 3)}");
    }

    /// <summary>The last few non-empty lines of a log, joined into one line for an error.</summary>
    public static string LastLines(string log, int count)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count).ToList();
        return lines.Count == 0 ? "no log output" : string.Join(" | ", lines);
    }

    private static bool MissingShell(string message) =>
        message.Contains("/bin/sh", StringComparison.Ordinal)
        && message.Contains("no such file or directory", StringComparison.OrdinalIgnoreCase);

    private static BadInputException NoPostgres(string image, string why) => new(
        $"image '{image}' cannot run a PostgreSQL server: {why}; pass --image with a PostgreSQL server image (default {ContainerTopologyOptions.DefaultImage}).");
}
