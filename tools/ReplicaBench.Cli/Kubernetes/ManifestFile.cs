namespace ReplicaBench.Cli.Kubernetes;

/// <summary>Writes the manifest, or says in one line why it cannot.</summary>
internal static class ManifestFile
{
    public static void Write(string path, string yaml)
    {
        try
        {
            var full = Path.GetFullPath(path);
            if (Path.GetDirectoryName(full) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(full, yaml);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new BadInputException($"--out: cannot write the manifest to {path} ({ex.Message.TrimEnd('.')}); give a file in a writable folder.");
        }
    }
}
