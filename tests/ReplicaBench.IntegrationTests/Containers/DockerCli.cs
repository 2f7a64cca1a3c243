using System.Diagnostics;

namespace ReplicaBench.IntegrationTests.Containers;

/// <summary>The <c>docker</c> command as a user would run it (same DOCKER_HOST as the tests).</summary>
internal static class DockerCli
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken, Stream? stdin = null)
    {
        var start = new ProcessStartInfo("docker")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (stdin is not null)
        {
            await stdin.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
