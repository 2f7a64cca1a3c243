using k8s;
using k8s.Models;
using ReplicaBench.Tests;

namespace ReplicaBench.Cli.Tests.Kubernetes;

/// <summary>A manifest written by the command line for a known run: 3 agents, a fixed future start, known load flags.</summary>
internal sealed class GeneratedManifest : IDisposable
{
    public const int Agents = 3;
    public const string StartAt = "2099-01-02T03:04:05Z";
    public const string RunFolder = "/results/nightly/20990102T030405Z";
    public static readonly string[] LoadFlags = ["--scenario", "read-heavy", "--vus", "64", "--duration", "1m", "--policy", "round-robin"];

    private GeneratedManifest(TempDirectory folder, string file, string yaml, string stdout)
    {
        Folder = folder;
        File = file;
        Yaml = yaml;
        Stdout = stdout;
        Objects = KubernetesYaml.LoadAllFromString(yaml);
    }

    public TempDirectory Folder { get; }

    public string File { get; }

    public string Yaml { get; }

    public string Stdout { get; }

    public IReadOnlyList<object> Objects { get; }

    public V1Job LoadJob => Objects.OfType<V1Job>().Single(j => j.Metadata.Name == "nightly-load");

    public V1Job MergeJob => Objects.OfType<V1Job>().Single(j => j.Metadata.Name == "nightly-merge");

    public static async Task<GeneratedManifest> WriteAsync(string extraOptions = "")
    {
        var folder = new TempDirectory();
        var file = folder.Combine("run.yaml");
        var (code, stdout, stderr) = await CliRunner.RunAsync(
            $"k8s manifest --agents {Agents} --image registry.example.com/replicabench:1.0 --name nightly --start-at {StartAt} {string.Join(' ', LoadFlags)} --secret rds-credentials --config-map rds-endpoints --out {file} {extraOptions}");
        Assert.True(code == ExitCodes.Success, stderr);
        return new GeneratedManifest(folder, file, await System.IO.File.ReadAllTextAsync(file, TestContext.Current.CancellationToken), stdout);
    }

    public void Dispose() => Folder.Dispose();
}
