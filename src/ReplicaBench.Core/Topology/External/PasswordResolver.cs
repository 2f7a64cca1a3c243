namespace ReplicaBench.Topology.External;

/// <summary>
/// Finds the password for an endpoint without it ever passing through the command line or a file
/// the suite writes. First match wins:
/// <list type="number">
/// <item><c>REPLICABENCH_PASSWORD</c> (one password for every endpoint);</item>
/// <item><c>PGPASSWORD</c> (libpq's variable, same meaning);</item>
/// <item>the password file <c>PGPASSFILE</c> names, else <c>~/.pgpass</c> if it exists
/// (<c>%APPDATA%\postgresql\pgpass.conf</c> on Windows), matched per endpoint by host, port,
/// database and user; see <see cref="PgPassFile"/>.</item>
/// </list>
/// No password at all is allowed (trust or certificate authentication); a server that wants one then
/// says so when connecting.
/// </summary>
/// <remarks>
/// Resolution happens on <c>topology up</c> and again whenever topology.json is read, because an
/// external topology.json keeps no password (see <see cref="ExternalSecrets"/>).
/// </remarks>
public static class PasswordResolver
{
    public const string PasswordVariable = "REPLICABENCH_PASSWORD";

    public const string LibpqPasswordVariable = "PGPASSWORD";

    public const string PassFileVariable = "PGPASSFILE";

    /// <summary>The password for <paramref name="endpoint"/>, or null when no source has one.</summary>
    public static EndpointPassword? Resolve(ExternalEndpoint endpoint, string database, string user, Func<string, string?> environment)
    {
        foreach (var variable in (string[])[PasswordVariable, LibpqPasswordVariable])
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return new EndpointPassword(value, variable);
            }
        }

        return PassFile(environment)?.Find(endpoint.Host, endpoint.Port, database, user);
    }

    /// <summary>The password file in effect: PGPASSFILE (must exist), else the default one if present.</summary>
    private static PgPassFile? PassFile(Func<string, string?> environment)
    {
        if (environment(PassFileVariable) is { Length: > 0 } named)
        {
            return PgPassFile.Load(named, PassFileVariable);
        }

        var defaultPath = OperatingSystem.IsWindows()
            ? environment("APPDATA") is { Length: > 0 } appData ? Path.Combine(appData, "postgresql", "pgpass.conf") : null
            : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".pgpass") : null;
        return defaultPath is not null && File.Exists(defaultPath) ? PgPassFile.Load(defaultPath, "the default password file") : null;
    }
}
