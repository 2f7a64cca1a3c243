using System.Diagnostics;
using System.Formats.Tar;
using System.Text;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>
/// A tiny image with a shell and a <c>postgres</c> user but no PostgreSQL: this machine's
/// <c>/bin/sh</c> and the libraries <c>ldd</c> names, imported in a second, no registry involved.
/// </summary>
internal static class NoPostgresImage
{
    public const string Name = "replicabench-test/no-postgres:1";

    public static async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if ((await DockerCli.RunAsync(["image", "inspect", Name], cancellationToken)).Code == 0)
        {
            return;
        }

        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            // Regular files under the names the loader looks for (the host's are often symbolic links).
            await writer.WriteEntryAsync(RealFile("/bin/sh"), "bin/sh", cancellationToken);
            foreach (var library in await SharedLibrariesAsync("/bin/sh", cancellationToken))
            {
                await writer.WriteEntryAsync(RealFile(library), library.TrimStart('/'), cancellationToken);
            }

            await WriteTextAsync(writer, "etc/passwd", "postgres:x:999:999::/tmp:/bin/sh\n", cancellationToken);
            await WriteTextAsync(writer, "etc/group", "postgres:x:999:\n", cancellationToken);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, "tmp") { Mode = (UnixFileMode)0b1_111_111_111 }, cancellationToken);
        }

        tar.Position = 0;
        var import = await DockerCli.RunAsync(["import", "-", Name], cancellationToken, tar);
        Assert.True(import.Code == 0, import.Stderr);
    }

    private static string RealFile(string path) => File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;

    private static async Task WriteTextAsync(TarWriter writer, string path, string text, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = new MemoryStream(Encoding.ASCII.GetBytes(text)),
        };
        await writer.WriteEntryAsync(entry, cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> SharedLibrariesAsync(string binary, CancellationToken cancellationToken)
    {
        using var ldd = Process.Start(new ProcessStartInfo("ldd", [binary]) { RedirectStandardOutput = true })!;
        var output = await ldd.StandardOutput.ReadToEndAsync(cancellationToken);
        await ldd.WaitForExitAsync(cancellationToken);

        // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)" and "/lib64/ld-linux-x86-64.so.2 (0x...)".
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(parts => parts.FirstOrDefault(p => p.StartsWith('/')))
            .OfType<string>()
            .Distinct()];
    }
}
