using System.Diagnostics;
using System.Security.Cryptography;

namespace ReplicaBench.Topology.Local;

/// <summary>
/// The one folder a local topology keeps everything in (data directories, logs), named
/// <c>replicabench-&lt;8 hex digits&gt;</c>; the digits are the topology's short id, which its
/// cgroups are named after too. Owned by the servers' OS user when we are root.
/// </summary>
internal static class LocalDataRoot
{
    public const string Prefix = "replicabench-";

    public static string Create(string? parent, string? osUser)
    {
        parent ??= Environment.GetEnvironmentVariable(LocalTopologyProvider.DataRootEnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.GetTempPath();
        var dataRoot = Path.Combine(parent, Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(dataRoot);
        }
        else
        {
            Directory.CreateDirectory(dataRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (osUser is not null)
        {
            Chown(dataRoot, osUser);
        }

        return dataRoot;
    }

    /// <summary>The topology's short id: the data root's random digits.</summary>
    public static string TopologyId(string dataRoot) => Path.GetFileName(dataRoot)[Prefix.Length..];

    public static void WritePrivateFile(string path, string content, string? osUser)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (osUser is not null)
        {
            Chown(path, osUser);
        }
    }

    private static void Chown(string path, string osUser)
    {
        using var chown = Process.Start(new ProcessStartInfo("chown", [osUser + ":", path]) { RedirectStandardError = true })
            ?? throw new TopologyException("could not run chown");
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new TopologyException($"chown {osUser} {path} failed: {chown.StandardError.ReadToEnd().Trim()}");
        }
    }
}
