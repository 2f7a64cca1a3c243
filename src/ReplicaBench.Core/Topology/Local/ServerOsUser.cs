using System.Diagnostics;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// PostgreSQL refuses to run as root. When this process is root (as CI is), the local servers run
/// as an unprivileged user: <c>$REPLICABENCH_PG_USER</c>, else <c>postgres</c>.
/// </summary>
internal static class ServerOsUser
{
    public const string EnvironmentVariable = "REPLICABENCH_PG_USER";

    /// <summary>The user to run the servers as, or null to run them as ourselves.</summary>
    public static string? Resolve()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            return null;
        }

        var user = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(user))
        {
            user = "postgres";
        }

        if (!UserExists(user))
        {
            throw new BadInputException(
                $"running as root, ReplicaBench needs an unprivileged OS user to run PostgreSQL and '{user}' does not exist; create it (useradd --system {user}) or set {EnvironmentVariable}.");
        }

        return user;
    }

    private static bool UserExists(string user)
    {
        using var id = Process.Start(new ProcessStartInfo("id", ["-u", user])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        if (id is null)
        {
            return false;
        }

        id.WaitForExit();
        return id.ExitCode == 0;
    }
}
