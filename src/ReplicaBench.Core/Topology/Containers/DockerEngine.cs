using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace ReplicaBench.Topology.Containers;

/// <summary>
/// The Docker engine as Testcontainers finds it (<c>DOCKER_HOST</c>, <c>~/.testcontainers.properties</c>,
/// the Docker context, the default socket), used directly for what Testcontainers does not offer:
/// finding and removing resources by label from another process (<c>down</c>, and the crash
/// leftovers a later <c>up</c> removes), and reading a container's state while it starts.
/// </summary>
internal sealed class DockerEngine : IDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);

    private readonly DockerClient _client;

    private DockerEngine(DockerClient client, string endpoint)
    {
        _client = client;
        Endpoint = endpoint;
    }

    /// <summary>Where the engine was found, for messages (a socket path or URL: never credentials).</summary>
    public string Endpoint { get; }

    /// <summary>Connects and proves the engine answers, or throws a <see cref="BadInputException"/> that says how to start one.</summary>
    public static async Task<DockerEngine> ConnectAsync(CancellationToken cancellationToken)
    {
        var config = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (config?.Endpoint is null)
        {
            throw NotReachable(string.IsNullOrWhiteSpace(dockerHost)
                ? "DOCKER_HOST is unset and no Docker socket answers"
                : $"DOCKER_HOST={dockerHost} does not answer");
        }

        // Testcontainers' discovery skips an endpoint that does not answer and tries the next one (e.g.
        // the default socket); a DOCKER_HOST the user set is a choice to honour, not a hint.
        if (!string.IsNullOrWhiteSpace(dockerHost)
            && Uri.TryCreate(dockerHost, UriKind.Absolute, out var wanted)
            && !Uri.Equals(wanted, config.Endpoint))
        {
            throw NotReachable($"DOCKER_HOST={dockerHost} does not answer");
        }

        var endpoint = config.Endpoint.ToString();
        DockerClient? client = null;
        try
        {
            client = config.GetDockerClientBuilder(Guid.Empty).Build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            await client.System.PingAsync(timeout.Token);
            var engine = new DockerEngine(client, endpoint);
            client = null;
            return engine;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotReachable($"{endpoint} did not answer within {PingTimeout.TotalSeconds:0}s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or DockerApiException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw NotReachable($"{endpoint}: {FirstLine(ex)}");
        }
        finally
        {
            client?.Dispose();
        }
    }

    /// <summary>The one line for "Docker is not there": what failed, how to start Docker, the alternative.</summary>
    public static BadInputException NotReachable(string reason) => new(
        $"Docker is not reachable ({reason}); start the Docker engine (e.g. 'sudo systemctl start docker', or Docker Desktop) and check DOCKER_HOST, or use --provider local.");

    public async Task<bool> ImageExistsAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken);
            return true;
        }
        catch (DockerImageNotFoundException)
        {
            return false;
        }
        catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Every container (running or not) that carries the label <paramref name="key"/>=<paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<ContainerListResponse>> ContainersWithLabelAsync(string key, string value, CancellationToken cancellationToken) =>
        [.. await _client.Containers.ListContainersAsync(
            new ContainersListParameters { All = true, Filters = LabelFilter(key, value) },
            cancellationToken)];

    /// <summary>The state (<c>running</c>, <c>exited</c>, ...) and exit code of one container, or null when it is gone.</summary>
    public async Task<(string State, long ExitCode)?> StateAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            var inspect = await _client.Containers.InspectContainerAsync(containerId, cancellationToken);
            return inspect.State is { } state ? (state.Status, state.ExitCode) : null;
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Sends SIGKILL to a container's main process (the postmaster): the whole container dies at once, as in a crash.</summary>
    public Task KillAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);

    /// <summary>Stops a container with its stop signal (SIGINT: PostgreSQL's fast shutdown), killing it after <paramref name="wait"/>.</summary>
    public Task StopAsync(string containerId, TimeSpan wait, CancellationToken cancellationToken) =>
        _client.Containers.StopContainerAsync(containerId, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)wait.TotalSeconds }, cancellationToken);

    /// <summary>Freezes every process of a container (the cgroup freezer, <c>docker pause</c>): its sockets stay open and nothing answers.</summary>
    public Task PauseAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.PauseContainerAsync(containerId, cancellationToken);

    /// <summary>Lets a container frozen by <see cref="PauseAsync"/> run again (<c>docker unpause</c>).</summary>
    public Task UnpauseAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.UnpauseContainerAsync(containerId, cancellationToken);

    /// <summary>Starts a stopped container again (its entry point runs anew, on the data it kept).</summary>
    public Task StartAsync(string containerId, CancellationToken cancellationToken) =>
        _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);

    /// <summary>
    /// Removes every container and network with the label, containers first (a network in use cannot
    /// go), by force and with their anonymous volumes (the official image declares one for PGDATA).
    /// </summary>
    /// <returns>How many containers were removed.</returns>
    public async Task<int> RemoveLabelledAsync(string key, string value, CancellationToken cancellationToken)
    {
        var containers = await ContainersWithLabelAsync(key, value, cancellationToken);
        await Task.WhenAll(containers.Select(c => RemoveContainerAsync(c.ID, cancellationToken)));

        var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(key, value) }, cancellationToken);
        foreach (var network in networks)
        {
            try
            {
                await _client.Networks.DeleteNetworkAsync(network.ID, cancellationToken);
            }
            catch (DockerApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                // Removed meanwhile.
            }
        }

        return containers.Count;
    }

    /// <summary>How many networks carry the label (what <c>down</c> must leave at zero).</summary>
    public async Task<int> CountNetworksWithLabelAsync(string key, string value, CancellationToken cancellationToken) =>
        (await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter(key, value) }, cancellationToken)).Count;

    public void Dispose() => _client.Dispose();

    internal static string FirstLine(Exception exception)
    {
        var message = exception is DockerApiException { ResponseBody: { Length: > 0 } body } ? DockerMessage(body) : exception.Message;
        return message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()?.TrimEnd('.') ?? exception.GetType().Name;
    }

    /// <summary>Docker's error body is <c>{"message":"..."}</c>; the message is what a person needs.</summary>
    private static string DockerMessage(string body)
    {
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("message", out var message) ? message.GetString() ?? body : body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }

    private async Task RemoveContainerAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed meanwhile (e.g. by a concurrent down): the goal is reached.
        }
    }

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string key, string value) =>
        new() { ["label"] = new Dictionary<string, bool> { [ContainerLabels.Filter(key, value)] = true } };
}
