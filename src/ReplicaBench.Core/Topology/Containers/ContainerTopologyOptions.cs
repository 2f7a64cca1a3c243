namespace ReplicaBench.Topology.Containers;

/// <summary>
/// What the <c>containers</c> provider runs: which image and how the servers are reached.
/// Validated on construction (one line naming the bad value and the fix), so nothing starts on bad input.
/// </summary>
public sealed record ContainerTopologyOptions
{
    /// <summary>
    /// The official PostgreSQL image at a pinned major version: the same major as the local
    /// provider's binaries, so results compare across providers.
    /// </summary>
    public const string DefaultImage = "postgres:15";

    /// <summary>Overrides <see cref="DefaultImage"/> when <c>--image</c> is not given.</summary>
    public const string ImageEnvironmentVariable = "REPLICABENCH_CONTAINER_IMAGE";

    /// <summary>Overrides the default network mode (<c>host</c> or <c>bridge</c>) when <c>--network</c> is not given.</summary>
    public const string NetworkEnvironmentVariable = "REPLICABENCH_CONTAINER_NETWORK";

    public ContainerTopologyOptions(string image, ContainerNetworkMode network)
    {
        Image = ValidateImage(image);
        Network = network;
    }

    /// <summary>Image reference, e.g. <c>postgres:15</c> or <c>registry.example.com/pg:15.8</c>.</summary>
    public string Image { get; }

    public ContainerNetworkMode Network { get; }

    /// <summary>
    /// Host networking on Linux (the engine shares this machine's loopback, and the servers get the
    /// same transport as the local provider); bridge elsewhere (Docker Desktop runs the engine in a VM).
    /// </summary>
    public static ContainerNetworkMode DefaultNetwork =>
        OperatingSystem.IsLinux() ? ContainerNetworkMode.Host : ContainerNetworkMode.Bridge;

    /// <summary>The defaults, with <see cref="ImageEnvironmentVariable"/> and <see cref="NetworkEnvironmentVariable"/> applied.</summary>
    public static ContainerTopologyOptions Default => FromOptions(null, null);

    /// <summary>Builds options from <c>--image</c> and <c>--network</c> (null: environment, then default).</summary>
    public static ContainerTopologyOptions FromOptions(string? image, string? network)
    {
        image = FirstNonBlank(image, Environment.GetEnvironmentVariable(ImageEnvironmentVariable)) ?? DefaultImage;
        network = FirstNonBlank(network, Environment.GetEnvironmentVariable(NetworkEnvironmentVariable));
        return new ContainerTopologyOptions(image, network is null ? DefaultNetwork : ParseNetwork(network));
    }

    public static ContainerNetworkMode ParseNetwork(string text) => text.Trim().ToLowerInvariant() switch
    {
        "host" => ContainerNetworkMode.Host,
        "bridge" => ContainerNetworkMode.Bridge,
        _ => throw new BadInputException(
            $"--network '{text}' is not known; use host (servers on this machine's loopback ports, Linux) or bridge (a Docker network with ports published on 127.0.0.1)."),
    };

    public static string FormatNetwork(ContainerNetworkMode network) => network == ContainerNetworkMode.Host ? "host" : "bridge";

    private static string ValidateImage(string image)
    {
        var trimmed = image.Trim();
        // Docker references: [registry/]name[:tag][@digest]; lower-case names, no spaces, no leading '-'.
        var valid = trimmed.Length > 0
            && trimmed[0] != '-'
            && trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@')
            && !trimmed.EndsWith(':') && !trimmed.EndsWith('/');
        if (!valid)
        {
            throw new BadInputException(
                $"--image '{image}' is not a Docker image reference; write e.g. {DefaultImage} or registry.example.com/postgres:15.8.");
        }

        return trimmed;
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
