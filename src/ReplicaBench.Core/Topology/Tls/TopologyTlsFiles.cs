namespace ReplicaBench.Topology.Tls;

/// <summary>
/// Writes a topology's certificates where its servers and clients read them: the CA certificate in
/// the state dir (readable by anyone: it is public), the server certificate and key in a folder of
/// the servers' own. A file that cannot be written is bad input, one line naming it and the fix.
/// </summary>
internal static class TopologyTlsFiles
{
    private const UnixFileMode Public = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Writes the CA certificate to <c>STATE_DIR/tls-ca.pem</c> and returns what topology.json records.</summary>
    public static TopologyTlsDetails WriteCa(TopologyCertificates certificates, string stateDirectory)
    {
        var caFile = Path.GetFullPath(Path.Combine(stateDirectory, TopologyTlsDetails.CaFileName));
        Write(caFile, () =>
        {
            File.WriteAllText(caFile, certificates.CaCertificatePem);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(caFile, Public);
            }
        });
        return new TopologyTlsDetails(caFile);
    }

    /// <summary>Runs a write; turns its failure into one line naming the file and the fix.</summary>
    public static void Write(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or TopologyException)
        {
            throw new BadInputException(
                $"--tls: cannot write the topology's certificate file {path} ({FirstLine(ex.Message)}); make its folder writable (--state-dir for the CA, {Local.LocalTopologyProvider.DataRootEnvironmentVariable} for the servers' key) or drop --tls.", ex);
        }
    }

    /// <summary>Removes the CA file of a topology that is gone (or never came up); nothing when there is none.</summary>
    public static void DeleteCa(string stateDirectory)
    {
        var caFile = Path.Combine(stateDirectory, TopologyTlsDetails.CaFileName);
        if (File.Exists(caFile))
        {
            File.Delete(caFile);
        }
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');
}
