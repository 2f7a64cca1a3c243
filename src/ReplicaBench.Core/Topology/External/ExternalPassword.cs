using Npgsql;

namespace ReplicaBench.Topology.External;

/// <summary>
/// Where the external endpoints' password comes from, never through the command line or a file the
/// suite writes. First match wins:
/// <list type="number">
/// <item><c>REPLICABENCH_PASSWORD</c> (one password for every endpoint);</item>
/// <item><c>PGPASSWORD</c> (libpq's variable, same meaning);</item>
/// <item>the password file <c>PGPASSFILE</c> names, else <c>~/.pgpass</c> if it exists
/// (<c>%APPDATA%\postgresql\pgpass.conf</c> on Windows). Npgsql reads and matches it per endpoint
/// (<see cref="NpgsqlConnectionStringBuilder.Passfile"/>); the suite only chooses the file, from the
/// same environment as the other settings, and refuses one libpq would refuse.</item>
/// </list>
/// No password at all is allowed (trust or certificate authentication); a server that wants one then
/// says so when connecting. <see cref="ToString"/> names only the source, so the value cannot leak
/// through logging, string interpolation or a debugger display.
/// </summary>
/// <remarks>
/// Found on <c>topology up</c> and again whenever topology.json is read, because an external
/// topology.json keeps no password (see <see cref="ExternalSecrets"/>).
/// </remarks>
public sealed class ExternalPassword
{
    public const string PasswordVariable = "REPLICABENCH_PASSWORD";

    public const string LibpqPasswordVariable = "PGPASSWORD";

    public const string PassFileVariable = "PGPASSFILE";

    private readonly string? _value;

    private ExternalPassword(string source, string? value, string? passFile)
    {
        Source = source;
        _value = value;
        PassFile = passFile;
    }

    /// <summary>Where it comes from: <c>REPLICABENCH_PASSWORD</c>, <c>PGPASSWORD</c> or <c>password file PATH</c>.</summary>
    public string Source { get; }

    /// <summary>The password file Npgsql reads, when the password comes from one.</summary>
    public string? PassFile { get; }

    /// <summary>The password source in effect, or null when there is none.</summary>
    public static ExternalPassword? Find(Func<string, string?> environment)
    {
        foreach (var variable in (string[])[PasswordVariable, LibpqPasswordVariable])
        {
            if (environment(variable) is { Length: > 0 } value)
            {
                return new ExternalPassword(variable, value, null);
            }
        }

        return PassFileIn(environment) is { } path ? new ExternalPassword($"password file {path}", null, path) : null;
    }

    /// <summary>Puts the password, or the password file, into a connection string.</summary>
    public void ApplyTo(NpgsqlConnectionStringBuilder builder)
    {
        if (_value is not null)
        {
            builder.Password = _value;
        }
        else
        {
            builder.Passfile = PassFile;
        }
    }

    public override string ToString() => $"password from {Source}";

    /// <summary>PGPASSFILE (which must exist), else the default file if present; either must be private to its owner.</summary>
    private static string? PassFileIn(Func<string, string?> environment)
    {
        string? path;
        if (environment(PassFileVariable) is { Length: > 0 } named)
        {
            path = File.Exists(named) ? named : throw new BadInputException($"{PassFileVariable} names {named}, which does not exist; fix the path or unset {PassFileVariable}.");
        }
        else
        {
            path = OperatingSystem.IsWindows()
                ? environment("APPDATA") is { Length: > 0 } appData ? Path.Combine(appData, "postgresql", "pgpass.conf") : null
                : environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".pgpass") : null;
            path = path is not null && File.Exists(path) ? path : null;
        }

        if (path is not null && !OperatingSystem.IsWindows())
        {
            // libpq ignores a password file that group or others can access; Npgsql does not check.
            // Refusing it, with the fix, beats both a silent fallback and a secret left readable.
            const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOther) != 0)
            {
                throw new BadInputException(
                    $"password file {path} has group or world access (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}), so it is not used, as libpq would not; run 'chmod 0600 {path}'.");
            }
        }

        return path;
    }
}
