using System.Text.Json;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Tls;

namespace ReplicaBench.Topology;

/// <summary>
/// The folder where a topology's <c>topology.json</c> lives, so that <c>up</c>, <c>status</c>,
/// <c>down</c>, benchmarks and load runs in other processes all find the same servers.
/// </summary>
public sealed class TopologyStateDirectory
{
    public const string FileName = "topology.json";

    /// <summary>Environment variable that overrides the default state dir.</summary>
    public const string EnvironmentVariable = "REPLICABENCH_STATE_DIR";

    public TopologyStateDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public string TopologyFile => System.IO.Path.Combine(Path, FileName);

    public bool HasTopology => File.Exists(TopologyFile);

    /// <summary>
    /// <c>$REPLICABENCH_STATE_DIR</c>, else <c>$XDG_STATE_HOME/replicabench</c>, else
    /// <c>~/.local/state/replicabench</c>: per user, outside any repository clone.
    /// </summary>
    public static TopologyStateDirectory Default()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return new TopologyStateDirectory(fromEnv);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg)
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return new TopologyStateDirectory(System.IO.Path.Combine(root, "replicabench"));
    }

    public static TopologyStateDirectory FromOption(string? path) =>
        string.IsNullOrWhiteSpace(path) ? Default() : new TopologyStateDirectory(path);

    /// <summary>Creates the folder (mode 0700) and proves it is writable before anything is started.</summary>
    public void EnsureWritable()
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path);
            }
            else
            {
                Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var probe = System.IO.Path.Combine(Path, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException(
                $"state dir {Path} is not writable ({ex.Message.TrimEnd('.')}); pass --state-dir with a folder you can write to.", ex);
        }
    }

    /// <summary>Reads topology.json, or explains that there is none and how to start one.</summary>
    public TopologyDescriptor Read()
    {
        if (!HasTopology)
        {
            throw new BadInputException(
                $"no topology is up in {Path}; start one with 'replicabench topology up --state-dir {Path}'.");
        }

        TopologyDescriptor? descriptor;
        try
        {
            descriptor = JsonSerializer.Deserialize<TopologyDescriptor>(File.ReadAllText(TopologyFile), TopologyJson.Options);
        }
        catch (JsonException ex)
        {
            throw new BadInputException(
                $"{TopologyFile} is not a valid topology file (line {ex.LineNumber + 1}: {ex.Message.Split('.')[0]}); delete it and start again with 'replicabench topology up --state-dir {Path}'.", ex);
        }

        if (descriptor is null || descriptor.Nodes is null || descriptor.Nodes.Count == 0)
        {
            throw new BadInputException($"{TopologyFile} lists no nodes; remove it and start again with 'replicabench topology up'.");
        }

        if (descriptor.SchemaVersion > TopologyDescriptor.CurrentSchemaVersion)
        {
            throw new BadInputException(
                $"{TopologyFile} has schema version {descriptor.SchemaVersion}, newer than this ReplicaBench understands ({TopologyDescriptor.CurrentSchemaVersion}); use the ReplicaBench that created it.");
        }

        // An external topology.json keeps no password: resolve it again as 'up' did.
        return ExternalSecrets.WithPasswords(descriptor);
    }

    /// <summary>Writes topology.json with mode 0600: it holds the local provider's generated password (never an external one).</summary>
    public void Write(TopologyDescriptor descriptor)
    {
        var json = JsonSerializer.Serialize(ExternalSecrets.WithoutPasswords(descriptor), TopologyJson.Options);
        var temp = TopologyFile + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(json);
        }

        File.Move(temp, TopologyFile, overwrite: true);
    }

    public void Delete()
    {
        File.Delete(TopologyFile);
        File.Delete(TopologyFile + ".tmp");
        TopologyTlsFiles.DeleteCa(Path);
    }
}
