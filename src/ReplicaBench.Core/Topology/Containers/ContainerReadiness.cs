using System.Diagnostics;
using DotNet.Testcontainers.Containers;
using Npgsql;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// Waits for a container's server to accept connections while watching the container itself, so that
/// a server that cannot start (no binaries, a failed base backup, a port taken) is reported at once
/// with its own log lines instead of after a timeout.
/// </summary>
internal static class ContainerReadiness
{
    /// <summary>initdb or a base backup plus recovery on a busy 2-core machine takes seconds; allow for a slow disk.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task WaitUntilAcceptingAsync(
        DockerEngine engine,
        IContainer container,
        string image,
        string node,
        string connectionString,
        CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 2, Pooling = false }.ConnectionString;
        var waited = Stopwatch.StartNew();
        string? lastError = null;
        while (true)
        {
            var state = await engine.StateAsync(container.Id, cancellationToken);
            if (state is not { State: "running" or "created" or "restarting" })
            {
                var log = await LogAsync(container);
                throw ContainerStartErrors.FromExit(image, node, state?.ExitCode ?? -1, log);
            }

            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                lastError = ConnectionErrors.Describe(ex);
            }

            if (waited.Elapsed > StartTimeout)
            {
                var log = await LogAsync(container);
                throw new TopologyException(
                    $"{node} did not accept connections within {StartTimeout.TotalSeconds:0}s ({lastError}): {ContainerStartErrors.LastLines(log, 3)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>The container's output (the entry script's and the server's; neither ever prints the password).</summary>
    public static async Task<string> LogAsync(IContainer container)
    {
        try
        {
            var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false, ct: CancellationToken.None);
            return stdout + "\n" + stderr;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"(log unavailable: {DockerEngine.FirstLine(ex)})";
        }
    }
}
