using System.Diagnostics;
using k8s;

namespace ReplicaBench.Cli.Tests.Kubernetes;

/// <summary>
/// No field in the manifest that the Kubernetes API does not know, by two oracles: the official
/// Python client's OpenAPI-generated models (Debian's python3-kubernetes, walked by
/// k8s-manifest-lint.py beside this file), and KubernetesClient's own strict deserializer. Each is
/// first shown to find the unknown fields planted in a broken copy.
/// </summary>
public sealed class ManifestLintTests
{
    // Three planted mistakes: a misspelt Job field (in both Jobs) and a misspelt container field inside a list.
    private static string Broken(string yaml) => yaml
        .Replace("backoffLimit: 0", "backofLimit: 0", StringComparison.Ordinal)
        .Replace("\n        envFrom:", "\n        envFromm:", StringComparison.Ordinal);

    [Fact]
    public async Task The_python_client_models_know_every_field_of_the_manifest()
    {
        using var manifest = await GeneratedManifest.WriteAsync("--pvc-size 10Gi --ca-bundle rds-ca --service-account irsa");

        var (code, stdout, stderr) = await LintAsync(manifest.File);

        Assert.True(code == 0, $"unknown fields (exit {code}):\n{stdout}{stderr}");
        Assert.Empty(stdout);
        Assert.Contains("checked 3 object(s): 0 unknown field(s)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_python_lint_finds_each_unknown_field_planted_in_a_broken_copy()
    {
        using var manifest = await GeneratedManifest.WriteAsync();
        var broken = manifest.Folder.Combine("broken.yaml");
        await File.WriteAllTextAsync(broken, Broken(manifest.Yaml), TestContext.Current.CancellationToken);

        var (code, stdout, _) = await LintAsync(broken);

        Assert.Equal(1, code);
        Assert.Equal(
            [
                "Job nightly-load: spec.backofLimit (unknown field in V1JobSpec)",
                "Job nightly-load: spec.template.spec.containers[0].envFromm (unknown field in V1Container)",
                "Job nightly-merge: spec.backofLimit (unknown field in V1JobSpec)",
            ],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task KubernetesClient_strict_reading_accepts_the_manifest_and_refuses_the_broken_copy()
    {
        using var manifest = await GeneratedManifest.WriteAsync("--pvc-size 10Gi");

        Assert.Equal(3, KubernetesYaml.LoadAllFromString(manifest.Yaml, strict: true).Count);
        var refused = Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(Broken(manifest.Yaml), strict: true));
        Assert.Contains("backofLimit", refused.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Debian's python3 (the interpreter python3-kubernetes installs into), else the first python3 on PATH.</summary>
    private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    private static async Task<(int Code, string Stdout, string Stderr)> LintAsync(string file)
    {
        var (probe, _, probeErrors) = await RunAsync(Python, "-c", "import kubernetes.client.models, yaml");
        if (probe != 0)
        {
            // CI installs python3-kubernetes (tools/ci/install-prerequisites.sh): there a missing oracle fails.
            Assert.False(
                string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"{Python} cannot import the Kubernetes client models ({probeErrors.Trim()}); install python3-kubernetes (tools/ci/install-prerequisites.sh)");
            Assert.Skip($"{Python} has no Kubernetes client models (apt-get install python3-kubernetes); KubernetesClient's strict reading checks the same manifest.");
        }

        return await RunAsync(Python, Path.Combine(AppContext.BaseDirectory, "Kubernetes", "k8s-manifest-lint.py"), file);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string file, params string[] arguments)
    {
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, string.Empty, ex.Message);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
