using System.Diagnostics;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// A size-limited file system for full-disk tests: a tmpfs of a few kilobytes mounted on a temporary
/// folder. Mounting needs root; elsewhere the test skips with the reason, unless
/// <c>REPLICABENCH_REQUIRE_TMPFS=1</c> (set by CI, which runs as root) turns the skip into a failure.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    public const string EnvironmentVariable = "REPLICABENCH_REQUIRE_TMPFS";

    private SmallDisk(string path) => Path = path;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="kilobytes"/> KiB, or skips (fails under CI) the calling test.</summary>
    public static SmallDisk Mount(int kilobytes)
    {
        var path = Directory.CreateTempSubdirectory("rb-it-small-disk-").FullName;
        var reason = !OperatingSystem.IsLinux()
            ? "not Linux"
            : Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0777", "tmpfs", path);
        if (reason is null)
        {
            return new SmallDisk(path);
        }

        Directory.Delete(path);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) == "1")
        {
            Assert.Fail($"{EnvironmentVariable}=1 but a tmpfs cannot be mounted here: {reason}");
        }

        Assert.Skip($"a small tmpfs cannot be mounted here (needs root): {reason}");
        return null!;
    }

    /// <summary>Fills the rest of the disk, so the next write of any size fails with "no space left".</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full: tmpfs hands out whole pages, so no write fits any more.
        }
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Null when the command succeeded, else why not.</summary>
    private static string? Run(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, UseShellExecute = false })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{command}: {ex.Message}";
        }
    }
}
